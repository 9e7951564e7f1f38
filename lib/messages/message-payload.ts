import type { Message } from "@/lib/generated/prisma/client";
import type { MessagePayload } from "@/lib/realtime/events";

export function toMessagePayload(message: Pick<Message, "id" | "conversationId" | "direction" | "body" | "authorAgentId" | "createdAt">): MessagePayload {
  return {
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    body: message.body,
    authorAgentId: message.authorAgentId,
    createdAt: message.createdAt.toISOString(),
  };
}
