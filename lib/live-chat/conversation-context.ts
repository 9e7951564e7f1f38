// PATCH /api/v1/conversations/:id/context — chatbot flows merge keys into a conversation's context.
// LiveChatBlockedUntil is the anonymous visitor's live-chat block: setting it to null or to a time that
// is not in the future lifts the block in force (admins and API keys only, like every unblock) and is
// recorded; setting it to a future time blocks (anyone who may block in this chat).
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { actingAgentId, actorDisplayName, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit";
import { authorize, visibleConversationsWhere } from "@/lib/policy";
import { InvalidInput, NotFound, parseInput } from "@/lib/errors";
import { lockConversation } from "@/lib/inbox/apply-conversation-change";
import { BLOCKED_UNTIL_KEY, contextBlockedUntil } from "./find-active-block";
import { liveChatBlockSelect } from "./block-view";
import { asObject } from "./block-user";
import { liftBlocks, publishLift } from "./unblock";

const MAX_KEYS = 50;
const MAX_CONTEXT_BYTES = 16_384;
/** A flow's "now" may run slightly ahead of ours: a time this close counts as now. */
const CLOCK_SKEW_MS = 5_000;

export const contextPatchSchema = z
  .record(z.string().min(1, "keys must not be empty").max(100, "keys must be at most 100 characters"), z.json())
  .refine((patch) => Object.keys(patch).length <= MAX_KEYS, `at most ${MAX_KEYS} keys at once`)
  .superRefine((patch, ctx) => {
    if (!(BLOCKED_UNTIL_KEY in patch)) return;
    const value = patch[BLOCKED_UNTIL_KEY];
    if (value === null) return;
    if (typeof value !== "string" || !z.iso.datetime({ offset: true }).safeParse(value).success) {
      ctx.addIssue({ code: "custom", path: [BLOCKED_UNTIL_KEY], message: "must be null or an ISO-8601 date-time, e.g. 2026-01-31T17:00:00Z" });
    }
  });

export interface ConversationContextResult {
  id: string;
  context: Record<string, unknown>;
}

export async function updateConversationContext({
  db,
  actor,
  conversationId,
  input,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  conversationId: string;
  input: unknown;
  now?: Date;
}): Promise<ConversationContextResult> {
  const patch = { ...parseInput(contextPatchSchema, input, "context") } as Record<string, unknown>;
  const result = await db.$transaction(async (tx) => {
    await lockConversation(tx, String(conversationId));
    const conversation = await tx.conversation.findFirst({
      where: { AND: [{ id: String(conversationId) }, visibleConversationsWhere(actor)] },
      select: { id: true, tenantId: true, assigneeId: true, bucket: true, spamMarkedById: true, context: true },
    });
    if (!conversation) throw new NotFound("conversation");
    const before = asObject(conversation.context);

    let lift = false;
    if (BLOCKED_UNTIL_KEY in patch) {
      const value = patch[BLOCKED_UNTIL_KEY] as string | null;
      const until = value === null ? null : new Date(value);
      if (until === null || until.getTime() <= now.getTime() + CLOCK_SKEW_MS) {
        if (until) patch[BLOCKED_UNTIL_KEY] = new Date(Math.min(until.getTime(), now.getTime())).toISOString();
        const activeRows = await tx.liveChatBlock.count({
          where: { tenantId: conversation.tenantId, conversationId: conversation.id, unblockedAt: null, blockedUntil: { gt: now } },
        });
        lift = contextBlockedUntil(before, now) !== null || activeRows > 0;
        if (lift) authorize(actor, "liveChat.unblock", { tenantId: conversation.tenantId });
      } else {
        authorize(actor, "liveChat.block", conversation);
      }
    }

    const context = { ...before, ...patch };
    if (Buffer.byteLength(JSON.stringify(context)) > MAX_CONTEXT_BYTES) {
      throw new InvalidInput(`Invalid context: the context would exceed ${MAX_CONTEXT_BYTES} bytes.`, { fields: [{ field: "(body)", message: "context too large" }] });
    }
    await tx.conversation.update({ where: { id: conversation.id }, data: { context: context as Prisma.InputJsonObject }, select: { id: true } });
    const lifted = lift
      ? await liftBlocks(
          tx,
          actor,
          await tx.liveChatBlock.findMany({
            where: { tenantId: conversation.tenantId, conversationId: conversation.id, unblockedAt: null, blockedUntil: { gt: now } },
            select: liveChatBlockSelect,
          }),
          "flow",
          now,
        )
      : null;
    if (lift && lifted && lifted.touched.length === 0) {
      // A flow-set block without a row (the flow wrote the time itself): still record the lift.
      const data = { via: "flow", blockedUntil: before[BLOCKED_UNTIL_KEY] ?? null, authenticated: false };
      await tx.conversationEvent.create({
        data: {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          type: "live_chat_unblocked",
          actorAgentId: actingAgentId(actor),
          createdAt: now,
          data: { actorId: actingAgentId(actor), actorName: actorDisplayName(actor), ...data } as Prisma.InputJsonObject,
        },
      });
      await recordAudit(tx, actor, { action: "live_chat.unblocked", targetType: "conversation", targetId: conversation.id, data: data as Prisma.InputJsonObject });
    }
    return { id: conversation.id, context, lifted };
  });
  if (result.lifted) publishLift(actor.tenantId, result.lifted);
  return { id: result.id, context: result.context };
}
