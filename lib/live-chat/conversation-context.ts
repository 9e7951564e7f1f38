// PATCH /api/v1/conversations/:id/context — chatbot flows merge keys into a conversation's context.
// LiveChatBlockedUntil is the anonymous visitor's live-chat block, and writing it goes through the same
// rules and records as the block and unblock use cases, so the context, the block rows (Live Chat
// Blacklist page, user card, hit counts) and the audit trail never drift apart:
// - null, or a time that is not in the future (within a few seconds of clock skew), lifts the block in
//   force — admins and API keys only ("liveChat.unblock"), like every unblock;
// - a future time blocks until that time (1..525600 minutes from now, as BlockIntervalMinutes): a row,
//   a timeline event, an audit entry and realtime, as blockUserFromLiveChat. Anyone who may block in
//   this chat may set or extend it; ending a block in force earlier (shortening it) is an unblock in
//   part, so it needs "liveChat.unblock" too (agents: 403). Writing back the time already in force
//   changes nothing (flows often write their whole context back).
// Authenticated users are blocked on the Live Chat Blacklist, contact-wide, not per conversation: on
// their conversations the key is refused with 400 rather than written where the gate never reads it.
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { authorize, can } from "@/lib/policy";
import { Forbidden, InvalidInput } from "@/lib/errors";
import { lockVisibleConversation } from "@/lib/conversations/lock-visible-conversation";
import { BLOCKED_UNTIL_KEY, contextBlockedUntil } from "./find-active-block";
import { liveChatBlockSelect } from "./block-view";
import { MAX_BLOCK_MINUTES } from "./block-schemas";
import {
  asObject,
  blockableConversationSelect,
  blockEvents,
  blockerOf,
  currentLiveChatBlock,
  writeLiveChatBlock,
  type BlockWritten,
} from "./block-user";
import { liftBlocks, liftEvents } from "./unblock";
import { dispatchEvents } from "@/lib/events/dispatch";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

const MAX_KEYS = 50;
const MAX_CONTEXT_BYTES = 16_384;
/**
 * A flow's "now" may run slightly ahead of or behind ours: a time this close counts as now, and the range's ends give
 * as much.
 */
const CLOCK_SKEW_MS = 5_000;
/** The reason recorded on blocks a flow sets through the context (the key carries none). */
export const CONTEXT_BLOCK_REASON = "Set through the conversation context (LiveChatBlockedUntil)";

export const contextPatchSchema = z
  .record(z.string().min(1, "keys must not be empty").max(100, "keys must be at most 100 characters"), z.json())
  .refine((patch) => Object.keys(patch).length <= MAX_KEYS, `at most ${MAX_KEYS} keys at once`)
  .superRefine((patch, ctx) => {
    if (!(BLOCKED_UNTIL_KEY in patch)) return;
    const value = patch[BLOCKED_UNTIL_KEY];
    if (value === null) return;
    if (typeof value !== "string" || !z.iso.datetime({ offset: true }).safeParse(value).success) {
      ctx.addIssue({
        code: "custom",
        path: [BLOCKED_UNTIL_KEY],
        message: "must be null or an ISO-8601 date-time, e.g. 2026-01-31T17:00:00Z",
      });
    }
  });

export interface ConversationContextResult {
  id: string;
  context: Record<string, unknown>;
}

function invalidBlockedUntil(message: string): InvalidInput {
  return new InvalidInput(`Invalid context: ${BLOCKED_UNTIL_KEY}: ${message}`, {
    fields: [{ field: BLOCKED_UNTIL_KEY, message }],
  });
}

export const updateConversationContext = defineUseCase({
  inputName: "context",
  input: contextPatchSchema,
  // Who may write depends on what the patch does to which conversation: checked in run, under the lock.
  run: async (
    { db, actor, conversationId, now = new Date() }: UseCaseContext & { conversationId: string },
    parsed,
  ): Promise<ConversationContextResult> => {
    const patch = { ...parsed } as Record<string, unknown>;
    const writesBlock = BLOCKED_UNTIL_KEY in patch;
    const requested =
      writesBlock && patch[BLOCKED_UNTIL_KEY] !== null ? new Date(patch[BLOCKED_UNTIL_KEY] as string) : null;
    const blocks = requested !== null && requested.getTime() > now.getTime() + CLOCK_SKEW_MS;
    if (blocks) {
      const ahead = requested.getTime() - now.getTime();
      if (ahead < 60_000 - CLOCK_SKEW_MS || ahead > MAX_BLOCK_MINUTES * 60_000 + CLOCK_SKEW_MS) {
        throw invalidBlockedUntil(
          `must be null or now (lifts the block), or 1 to ${MAX_BLOCK_MINUTES} minutes from now (blocks until then)`,
        );
      }
    }
    const blocker = blocks ? await blockerOf(db, actor) : null;

    const result = await db.$transaction(async (tx) => {
      const conversation = await lockVisibleConversation(tx, actor, conversationId, blockableConversationSelect);
      const before = asObject(conversation.context);
      if (writesBlock && conversation.contact.authenticated) {
        throw invalidBlockedUntil(
          "authenticated users are blocked on the Live Chat Blacklist, not in the conversation context: block " +
            "with POST /api/v1/livechat/block, unblock with POST /api/v1/live-chat-blocks/:id/unblock",
        );
      }

      let lift = false;
      let block: { until: Date } | null = null;
      if (writesBlock && !blocks) {
        if (requested) patch[BLOCKED_UNTIL_KEY] = new Date(Math.min(requested.getTime(), now.getTime())).toISOString();
        const activeRows = await tx.liveChatBlock.count({
          where: {
            tenantId: conversation.tenantId,
            conversationId: conversation.id,
            unblockedAt: null,
            blockedUntil: { gt: now },
          },
        });
        lift = contextBlockedUntil(before, now) !== null || activeRows > 0;
        if (lift) authorize(actor, "liveChat.unblock", { tenantId: conversation.tenantId });
      } else if (blocks) {
        authorize(actor, "liveChat.block", conversation);
        patch[BLOCKED_UNTIL_KEY] = requested.toISOString();
        const current = await currentLiveChatBlock(tx, conversation, now);
        const unchanged = current.row !== null && current.until?.getTime() === requested.getTime();
        if (!unchanged) {
          if (
            current.until &&
            requested < current.until &&
            !can(actor, "liveChat.unblock", { tenantId: conversation.tenantId })
          ) {
            throw new Forbidden(
              `The visitor is blocked until ${current.until.toISOString()}: ` +
                "only admins and API keys may end a live-chat block earlier. You may extend it.",
            );
          }
          block = { until: requested };
        }
      }

      const context = { ...before, ...patch };
      if (Buffer.byteLength(JSON.stringify(context)) > MAX_CONTEXT_BYTES) {
        throw new InvalidInput(`Invalid context: the context would exceed ${MAX_CONTEXT_BYTES} bytes.`, {
          fields: [{ field: "(body)", message: "context too large" }],
        });
      }
      let written: BlockWritten | null = null;
      if (block) {
        const minutes = Math.min(
          MAX_BLOCK_MINUTES,
          Math.max(1, Math.round((block.until.getTime() - now.getTime()) / 60_000)),
        );
        // Writes the merged context with the block's time, the row, the event and the audit entry.
        written = await writeLiveChatBlock(
          tx,
          actor,
          blocker!,
          conversation,
          {
            until: block.until,
            minutes,
            reason: CONTEXT_BLOCK_REASON,
            saveToActivityData: false,
            shorter: "shorten",
            context,
            via: "flow",
          },
          now,
        );
      } else {
        await tx.conversation.update({
          where: { id: conversation.id, tenantId: conversation.tenantId },
          data: { context: context as Prisma.InputJsonObject },
          select: { id: true },
        });
      }
      const lifted = lift
        ? await liftBlocks(
            tx,
            actor,
            await tx.liveChatBlock.findMany({
              where: {
                tenantId: conversation.tenantId,
                conversationId: conversation.id,
                unblockedAt: null,
                blockedUntil: { gt: now },
              },
              select: liveChatBlockSelect,
            }),
            "flow",
            now,
          )
        : null;
      if (lift && lifted && lifted.touched.length === 0) {
        // A flow-set block without a row (written before context writes made rows): still record the lift.
        const blockedUntil = before[BLOCKED_UNTIL_KEY];
        const data = {
          via: "flow",
          blockedUntil: typeof blockedUntil === "string" ? blockedUntil : null,
          authenticated: false,
        };
        await recordTimelineEvent(
          tx,
          { tenantId: conversation.tenantId, conversationId: conversation.id, actor, createdAt: now },
          timelineEntry("live_chat_unblocked", data),
        );
        await recordAudit(tx, actor, {
          action: "live_chat.unblocked",
          targetType: "conversation",
          targetId: conversation.id,
          data: data as Prisma.InputJsonObject,
        });
      }
      return { id: conversation.id, context, lifted, written };
    });
    await dispatchEvents(db, [
      ...(result.lifted ? liftEvents(actor.tenantId, result.lifted) : []),
      ...(result.written ? blockEvents(actor.tenantId, result.written) : []),
    ]);
    return { id: result.id, context: result.context };
  },
});
