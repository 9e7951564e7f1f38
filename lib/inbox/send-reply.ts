// An agent replies: the outgoing message is stored in the conversation and queued in the channel's
// outbox for the connector to deliver (GET /api/v1/outbox).
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { actingAgentOf } from "@/lib/auth/agents";
import { Conflict, InvalidInput } from "@/lib/errors";
import { enqueueOutboxMessage } from "@/lib/outbox/enqueue";
import { messagePreview } from "@/lib/messages/preview";
import { toMessagePayload } from "@/lib/messages/message-payload";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import { recordAudit } from "@/lib/audit";
import { assertNotMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { conversationStateSelect } from "@/lib/conversations/apply-conversation-change";
import { lockVisibleConversation } from "@/lib/conversations/lock-visible-conversation";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const replySchema = z.object({
  body: z
    .string()
    .max(10_000, "must be at most 10000 characters")
    .refine((body) => body.trim().length > 0, "must not be empty"),
});

/** The agent who authors an outgoing message: the acting agent, or the API key's default agent. */
async function authorOf(db: Db, actor: Actor) {
  const agent = await actingAgentOf(db, actor);
  if (!agent) {
    throw new InvalidInput(
      "Name the sending agent with X-Agent-Id, or give the API key a default agent.",
      undefined,
      "agent_required",
    );
  }
  return agent;
}

export const sendReply = defineUseCase({
  inputName: "reply",
  input: replySchema,
  // Who may reply is who sees the conversation: run locks it among the visible ones.
  run: async (
    { db, actor, conversationId, now = new Date() }: UseCaseContext & { conversationId: string },
    { body },
  ) => {
    const author = await authorOf(db, actor);
    const result = await db.$transaction(async (tx) => {
      const conversation = await lockVisibleConversation(tx, actor, conversationId, conversationStateSelect);
      await assertNotMarkedAsSpam(tx, conversation);
      const identity = await tx.contactIdentity.findFirst({
        where: { tenantId: conversation.tenantId, contactId: conversation.contactId, channel: conversation.channel },
        orderBy: { createdAt: "desc" },
        select: { identifier: true },
      });
      if (!identity) throw new Conflict("no_recipient", "The contact has no address on this conversation's channel.");
      const message = await tx.message.create({
        data: {
          tenantId: conversation.tenantId,
          conversationId: conversation.id,
          direction: "out",
          body,
          authorAgentId: author.agentId,
          createdAt: now,
        },
      });
      await enqueueOutboxMessage(tx, {
        tenantId: conversation.tenantId,
        channel: conversation.channel,
        recipient: identity.identifier,
        body,
        messageId: message.id,
        conversationId: conversation.id,
      });
      const updated = await tx.conversation.update({
        where: { id: conversation.id, tenantId: conversation.tenantId },
        data: { lastMessageAt: now, lastMessagePreview: messagePreview(body) },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "message.sent",
        targetType: "conversation",
        targetId: conversation.id,
        data: { messageId: message.id },
      });
      return {
        message,
        summary: await readConversationSummary(tx, conversation.tenantId, updated.id),
        previous: {
          status: conversation.status,
          bucket: conversation.bucket,
          assigneeId: conversation.assigneeId,
          spamMarkedById: conversation.spamMarkedById,
        },
      };
    });
    const payload = toMessagePayload(result.message);
    await dispatchEvents(db, [
      domainEvent("message.sent", {
        tenantId: actor.tenantId,
        conversation: result.summary,
        previous: result.previous,
        message: payload,
      }),
    ]);
    return { message: payload, conversation: result.summary };
  },
});
