import type { Message } from "@/lib/generated/prisma/client";
import type { MessagePayload } from "@/lib/realtime/events";
import { spamReasonsOf } from "@/lib/conversations/spam-reasons";

export function toMessagePayload(
  message: Pick<Message, "id" | "conversationId" | "direction" | "body" | "authorAgentId" | "createdAt"> &
    Partial<Pick<Message, "spamScore" | "spamReasons">>,
): MessagePayload {
  return {
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    body: message.body,
    authorAgentId: message.authorAgentId,
    spamScore: message.spamScore ?? null,
    spamReasons: spamReasonsOf(message.spamReasons),
    createdAt: message.createdAt.toISOString(),
  };
}
