"use client";

import { useState, useTransition } from "react";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote, Field, TextArea } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { banConversationClientAction } from "@/app/(app)/sessions/actions";
import { ExpirySelect } from "./expiry-select";

/** "Ban client": bans the conversation's client on its channel, after saying what that means. */
export function BanClientButton({
  conversationId,
  channel,
  identifier,
  contactName,
  source,
  onBanned,
  size = "sm",
}: {
  conversationId: string;
  channel: ChannelName;
  identifier: string | null;
  contactName: string;
  source: "live_session" | "session_detail";
  onBanned?(): void;
  size?: "sm" | "md";
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await banConversationClientAction(conversationId, { reason, expiresAt }, source);
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      setReason("");
      setDone(result.data.closedConversations ? "Banned; the ongoing conversation was closed." : "Banned.");
      onBanned?.();
    });
  }

  return (
    <>
      <Button size={size} variant="danger" onClick={() => setOpen(true)} disabled={!identifier} title={identifier ? undefined : "No identifier on this channel"}>
        <Icon name="ban" className="h-4 w-4" /> Ban client
      </Button>
      {done && (
        <span role="status" className="text-xs text-slate-600">
          {done}
        </span>
      )}
      <Dialog open={open} onClose={() => setOpen(false)} title={`Ban ${contactName}?`}>
        <form onSubmit={submit} className="space-y-4">
          <p className="text-sm text-slate-700">
            {CHANNEL_INFO[channel].label} <span className="font-mono font-medium">{identifier}</span> will no longer reach an agent on this channel: their messages
            are kept but appear in no list, and live-chat requests are refused. Their ongoing conversation here is closed. Other channels are not affected.
          </p>
          <Field label="Reason" htmlFor="ban-reason" hint="Required. Shown in the blacklist, never to the client.">
            <TextArea id="ban-reason" value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} rows={3} autoFocus />
          </Field>
          <Field label="Expires" htmlFor="ban-expiry">
            <ExpirySelect id="ban-expiry" onChange={setExpiresAt} />
          </Field>
          {error && <ErrorNote>{error}</ErrorNote>}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={pending || !reason.trim()}>
              {pending ? "Banning…" : "Ban client"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
