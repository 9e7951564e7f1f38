// Resolve or reopen a conversation. Resolved conversations leave All/You/Unassigned for Resolved
// (spam-marked contacts' chats stay in Spam, and chats a ban holds in no list: lib/conversations/bucket.ts).
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { z } from "zod";
import { isContactMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { bucketAfterChange } from "@/lib/conversations/bucket";
import { applyConversationChange } from "@/lib/conversations/apply-conversation-change";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const conversationStatusSchema = z.object({ status: z.enum(["open", "resolved"]) });

export const setConversationStatus = defineUseCase({
  inputName: "status",
  input: conversationStatusSchema,
  // Who may change the status is who sees the conversation: checked in run, on the conversation.
  run: async ({ db, actor, conversationId }: UseCaseContext & { conversationId: string }, { status }) => {
    return applyConversationChange(db, actor, conversationId, async (current, tx) => {
      if (status === "resolved" ? current.status === "resolved" : current.status !== "resolved") return null;
      // A banned sender's chat stays out of every list, resolved or not; a spam-marked one stays in Spam.
      const marked = await isContactMarkedAsSpam(tx, current.tenantId, current.contactId);
      const bucket = bucketAfterChange(current, status, marked);
      return {
        data: { status, bucket },
        event: status === "resolved" ? timelineEntry("resolved", {}) : timelineEntry("reopened", {}),
        audit: { action: status === "resolved" ? "conversation.resolved" : "conversation.reopened" },
      };
    });
  },
});
