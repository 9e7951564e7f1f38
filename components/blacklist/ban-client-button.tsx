"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorNote, Field, TextArea } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import type { ActionResult } from "@/lib/http/action-result";
import { toast } from "@/components/toaster";
import { ExpirySelect } from "./expiry-select";

interface BanTarget {
  conversationId: string;
  channel: ChannelName;
  identifier: string | null;
  contactName: string;
  source: "live_session" | "session_detail";
}

/**
 * The server action that bans (app/(app)/sessions/actions.ts `banConversationClientAction`), handed in by
 * the page: shared UI never imports a route's modules (.dependency-cruiser.cjs, no-components-to-app).
 */
export type BanConversationClient = (
  conversationId: string,
  input: { reason: string; expiresAt: string | null },
  source: BanTarget["source"],
) => Promise<ActionResult<{ closedConversations: number }>>;

/** The "Ban client" dialog: bans the conversation's client on its channel, after saying what that means. */
export function BanClientDialog({
  ban,
  open,
  onClose,
  onBanned,
  ...target
}: BanTarget & {
  ban: BanConversationClient;
  open: boolean;
  onClose(): void;
  onBanned?(closedConversations: number): void;
}) {
  const [reason, setReason] = useState("");
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await ban(target.conversationId, { reason, expiresAt }, target.source);
      if (!result.ok) return setError(result.error.message);
      setReason("");
      onClose();
      const where = `${target.identifier ?? target.contactName} on ${CHANNEL_INFO[target.channel].label}`;
      toast.success(
        result.data.closedConversations ? `Banned ${where}; the ongoing conversation was closed` : `Banned ${where}`,
      );
      onBanned?.(result.data.closedConversations);
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title={`Ban ${target.contactName}?`}>
      <form onSubmit={submit} className="space-y-4">
        <p className="text-sm text-slate-700">
          {CHANNEL_INFO[target.channel].label} <span className="font-mono font-medium">{target.identifier}</span> will
          no longer reach an agent on this channel: their messages are kept but appear in no list, and live-chat
          requests are refused. Their ongoing conversation here is closed. Other channels are not affected.
        </p>
        <Field label="Reason" htmlFor="ban-reason" hint="Required. Shown in the blacklist, never to the client.">
          <TextArea
            id="ban-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            rows={3}
            autoFocus
          />
        </Field>
        <Field label="Expires" htmlFor="ban-expiry">
          <ExpirySelect id="ban-expiry" onChange={setExpiresAt} />
        </Field>
        {error && <ErrorNote>{error}</ErrorNote>}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" disabled={pending || !reason.trim()}>
            {pending ? "Banning…" : "Ban client"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** A "Ban client" button with its dialog (session detail). */
export function BanClientButton({
  size = "sm",
  ban,
  ...target
}: BanTarget & { ban: BanConversationClient; size?: "sm" | "md" }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={size}
        variant="danger"
        onClick={() => setOpen(true)}
        disabled={!target.identifier}
        title={target.identifier ? undefined : "No identifier on this channel"}
      >
        <Icon name="ban" className="h-4 w-4" /> Ban client
      </Button>
      <BanClientDialog
        {...target}
        ban={ban}
        open={open}
        onClose={() => setOpen(false)}
        onBanned={() => router.refresh()}
      />
    </>
  );
}
