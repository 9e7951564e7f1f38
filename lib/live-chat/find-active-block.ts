import "server-only";
import type { DbOrTx } from "@/lib/db";
import { admissionCache } from "@/lib/admission/admission-cache";

/** The context key a flow reads and writes for an anonymous visitor's block (ISO time or null). */
export const BLOCKED_UNTIL_KEY = "LiveChatBlockedUntil";

/** When the conversation context says an anonymous visitor is blocked until, if it is in the future. */
export function contextBlockedUntil(context: unknown, now: Date): Date | null {
  const raw = (context as Record<string, unknown> | null)?.[BLOCKED_UNTIL_KEY];
  if (typeof raw !== "string") return null;
  const until = new Date(raw);
  return Number.isNaN(until.getTime()) || until <= now ? null : until;
}

/**
 * The live-chat block in force for a connect request, if any. Expiry needs no job: the check compares
 * times. Authenticated users: the tenant's Live Chat Blacklist (by contact). Anonymous visitors: the
 * conversation context's LiveChatBlockedUntil (the flow's own record, which it may clear).
 */
export async function findActiveLiveChatBlock(
  db: DbOrTx,
  request: { tenantId: string; contactId: string; authenticated: boolean; conversationId: string; context: unknown },
  now: Date,
): Promise<{ id: string | null; blockedUntil: Date } | null> {
  // The tenant's blocks come from memory (lib/admission/admission-cache.ts), kept current on every change.
  const blocks = (await (await admissionCache()).liveChatBlocks(db, request.tenantId, request)).filter(
    (block) => block.blockedUntil > now,
  );
  const latest = (matching: typeof blocks) =>
    matching.reduce<(typeof blocks)[number] | null>(
      (best, block) => (!best || block.blockedUntil > best.blockedUntil ? block : best),
      null,
    );
  if (request.authenticated) {
    const block = latest(blocks.filter((b) => b.contactId === request.contactId && b.conversationId === null));
    return block ? { id: block.id, blockedUntil: block.blockedUntil } : null;
  }
  const until = contextBlockedUntil(request.context, now);
  if (!until) return null;
  // The row in force, so hits and the refusal's blockId land on it and not on an older, expired one
  // (none for a time a flow wrote before context writes made rows).
  const block = latest(blocks.filter((b) => b.conversationId === request.conversationId));
  return { id: block?.id ?? null, blockedUntil: until };
}
