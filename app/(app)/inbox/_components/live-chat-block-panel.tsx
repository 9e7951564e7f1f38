"use client";
// The user card's live-chat parts: the block in force, the chat activity data, and the "Live Chat
// Blacklist" tab with the history and, for admins, "Unblock user" then Save.
import { useState, useTransition } from "react";
import type { ContactDetail } from "@/lib/contacts/get-contact";
import { blockStatusAt, type LiveChatBlockView } from "@/lib/live-chat/block-view";
import { plural } from "@/lib/ui/plural";
import { LocalTime, useNow, useTimeFormatter } from "@/components/local-time";
import { Icon } from "@/components/icons";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/toaster";
import { ErrorNote } from "@/components/ui/field";
import { unblockLiveChatBlockAction, unblockLiveChatUserAction } from "@/app/(app)/inbox/live-chat-actions";
import { BlockStatusChip, liftedBy } from "@/components/live-chat/block-status";

/**
 * Blocks in force for this user (signed-in: Live Chat Blacklist; anonymous: per conversation) at `now`;
 * null (the server render and hydration) trusts the status the server computed.
 */
export function activeBlocks(
  contact: Pick<ContactDetail, "liveChatBlocks"> | null,
  now: number | null,
): LiveChatBlockView[] {
  return (contact?.liveChatBlocks ?? []).filter(
    (b) => b.status === "active" && (now === null || new Date(b.blockedUntil).getTime() > now),
  );
}

/** activeBlocks against the page's shared clock: a block that ends while shown stops counting. */
export function useActiveBlocks(contact: Pick<ContactDetail, "liveChatBlocks"> | null): LiveChatBlockView[] {
  return activeBlocks(contact, useNow());
}

export function LiveChatStatusNote({ contact }: { contact: ContactDetail }) {
  const active = useActiveBlocks(contact);
  if (!active.length) return null;
  const latest = [...active].sort((a, b) => b.blockedUntil.localeCompare(a.blockedUntil))[0]!;
  return (
    <div
      className="mb-2 flex items-start gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900"
      data-testid="contact-live-chat-status"
    >
      <Icon name="clock" className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
      <span className="min-w-0">
        Blocked from live chat until <LocalTime iso={latest.blockedUntil} />
        <span className="line-clamp-2 block break-words text-xs text-amber-800" title={latest.reason}>
          “{latest.reason}” · by {latest.blockedBy.name}
          {latest.conversationId ? " · one chat only" : ""}
        </span>
      </span>
    </div>
  );
}

export function ActivityData({ data }: { data: Record<string, unknown> }) {
  const formatTime = useTimeFormatter();
  const entries = Object.entries(data);
  if (!entries.length) return <p className="text-sm text-slate-500">No chat activity data.</p>;
  return (
    <dl className="space-y-2 text-sm" data-testid="contact-activity-data">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt className="break-all font-mono text-[11px] text-slate-500">{key}</dt>
          <dd className="break-words font-medium text-slate-800">{formatValue(key, value, formatTime)}</dd>
        </div>
      ))}
    </dl>
  );
}

function formatValue(key: string, value: unknown, formatTime: (iso: string) => string): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" && /(Until|At)$/.test(key) && !Number.isNaN(Date.parse(value)))
    return formatTime(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function LiveChatBlacklistTab({ contact, onChanged }: { contact: ContactDetail; onChanged(): void }) {
  const now = useNow();
  const active = activeBlocks(contact, now);
  const [unblock, setUnblock] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  function save() {
    setError(null);
    startTransition(async () => {
      if (contact.authenticated && active.some((b) => b.conversationId === null)) {
        const result = await unblockLiveChatUserAction(contact.id);
        if (!result.ok) return setError(result.error.message);
      }
      for (const block of active.filter((b) => b.conversationId !== null)) {
        const result = await unblockLiveChatBlockAction(block.id);
        if (!result.ok) return setError(result.error.message);
      }
      setUnblock(false);
      setSaved(true);
      toast.success(`Unblocked ${contact.name}: they can ask for an agent again`);
      onChanged();
    });
  }

  return (
    <div className="space-y-4 px-4 py-3" data-testid="contact-live-chat-blacklist">
      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Status</h3>
        {active.length ? (
          <>
            <LiveChatStatusNote contact={contact} />
            {contact.permissions.unblockLiveChat ? (
              <form
                className="mt-2 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-2.5"
                onSubmit={(event) => {
                  event.preventDefault();
                  save();
                }}
              >
                <label className="flex flex-1 items-center gap-2 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    checked={unblock}
                    onChange={(event) => setUnblock(event.target.checked)}
                    className="h-4 w-4 rounded border-slate-300 accent-brand-600"
                  />
                  Unblock user
                </label>
                <Button size="sm" type="submit" variant="primary" disabled={!unblock || pending}>
                  {pending ? "Saving…" : "Save"}
                </Button>
              </form>
            ) : (
              <p className="text-xs text-slate-500">Only admins can lift a block before it ends.</p>
            )}
          </>
        ) : (
          <p className="text-sm text-slate-700" role="status">
            {saved ? "Unblocked: the user can ask for an agent again." : "Not blocked from live chat."}
          </p>
        )}
        {error && (
          <div className="mt-2">
            <ErrorNote>{error}</ErrorNote>
          </div>
        )}
      </section>

      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">History</h3>
        {contact.liveChatBlocks.length === 0 ? (
          <p className="text-sm text-slate-500">Never blocked.</p>
        ) : (
          <ol className="space-y-2">
            {contact.liveChatBlocks.map((shown) => {
              // Statuses are as of the read (or the event): one that ran out since shows as expired.
              const block = now === null ? shown : { ...shown, status: blockStatusAt(shown, now) };
              return (
                <li
                  key={block.id}
                  className="rounded-md border border-slate-200 p-2.5 text-sm"
                  data-testid="contact-block-history-item"
                >
                  <div className="flex items-center gap-2">
                    <BlockStatusChip block={block} />
                    <span className="min-w-0 flex-1 truncate text-slate-800" title={block.reason}>
                      {block.reason}
                    </span>
                  </div>
                  <p className="mt-1 text-xs text-slate-500">
                    <LocalTime iso={block.blockedAt} format="relative" />
                    {" → "}
                    <LocalTime iso={block.blockedUntil} /> · by {block.blockedBy.name}
                    {block.conversationId ? " · this chat only" : ""}
                  </p>
                  {(block.hitCount > 0 || liftedBy(block)) && (
                    <p className="mt-0.5 text-xs text-slate-500">
                      {block.hitCount > 0 && (
                        <>
                          {plural(block.hitCount, "refused request")}
                          {block.lastHitAt && (
                            <>
                              , last <LocalTime iso={block.lastHitAt} format="relative" />
                            </>
                          )}
                        </>
                      )}
                      {block.hitCount > 0 && liftedBy(block) ? " · " : ""}
                      {liftedBy(block)}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section>
        <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Chat activity data</h3>
        <ActivityData data={contact.activityData} />
      </section>
    </div>
  );
}
