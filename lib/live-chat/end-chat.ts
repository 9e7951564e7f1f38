// "End chat": the agent resolves a live chat, leaves feedback, and may block the user from live chat in
// the same dialog. Composed of the existing use cases: the block first (so a bad block input changes
// nothing), the feedback as a timeline line, then the resolve (lib/inbox/set-conversation-status.ts).
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { findVisibleConversation } from "@/lib/conversations/find-visible-conversation";
import { setConversationStatus } from "@/lib/inbox/set-conversation-status";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { blockInputSchema } from "./block-schemas";
import { blockUserFromLiveChat } from "./block-user";
import type { LiveChatBlockView } from "./block-view";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const endChatSchema = z.object({
  feedback: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  /** Present to block the user from live chat as the chat ends. */
  block: blockInputSchema.nullish(),
});

export type EndChatInput = z.input<typeof endChatSchema>;

export const endChat = defineUseCase({
  inputName: "end of chat",
  input: endChatSchema,
  // Who may end a chat is who sees it: run looks the conversation up among the visible ones.
  run: async (
    { db, actor, conversationId, now = new Date() }: UseCaseContext & { conversationId: string },
    { feedback, block },
  ): Promise<{ conversation: ConversationSummary; block: LiveChatBlockView | null }> => {
    const blocked = block ? await blockUserFromLiveChat({ db, actor, conversationId, input: block, now }) : null;
    if (feedback) {
      await db.$transaction(async (tx) => {
        const conversation = await findVisibleConversation(tx, actor, conversationId, { id: true, tenantId: true });
        // Just after the block's line, so the timeline reads in the order things were decided.
        const createdAt = new Date(now.getTime() + 1);
        await recordTimelineEvent(
          tx,
          { tenantId: conversation.tenantId, conversationId: conversation.id, actor, createdAt },
          timelineEntry("chat_feedback", { feedback }),
        );
        await recordAudit(tx, actor, {
          action: "conversation.feedback_added",
          targetType: "conversation",
          targetId: conversation.id,
          data: { feedback },
        });
      });
    }
    const resolved = await setConversationStatus({ db, actor, conversationId, input: { status: "resolved" } });
    return { conversation: resolved.conversation, block: blocked?.block ?? null };
  },
});
