// Mark or un-mark the users of several selected conversations in one action: one transaction per
// contact (a failure does not undo the others), and a summary of what happened to each.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { visibleConversationsWhere } from "@/lib/policy";
import { markContactAsSpam, unmarkContactAsSpam } from "./set-contact-spam-mark";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const bulkSpamMarkSchema = z.object({
  conversationIds: z.array(z.string().min(1).max(64)).min(1, "select at least one conversation").max(500),
  spam: z.boolean(),
});

export interface BulkSpamMarkSummary {
  spam: boolean;
  contacts: Array<{ contactId: string; name: string; changed: boolean; conversationsMoved: number }>;
  failed: Array<{ contactId: string; name: string; error: string }>;
  /** Selected conversation ids that do not exist or are not visible to the actor. */
  notFound: string[];
}

export const bulkSetSpamMarks = defineUseCase({
  inputName: "selection",
  input: bulkSpamMarkSchema,
  // Who may mark is who sees the chats: run keeps only the visible ones of the selection.
  run: async ({ db, actor }: UseCaseContext, { conversationIds, spam }): Promise<BulkSpamMarkSummary> => {
    const unique = [...new Set(conversationIds)];
    const conversations = await db.conversation.findMany({
      where: { AND: [{ id: { in: unique } }, visibleConversationsWhere(actor)] },
      select: { id: true, contact: { select: { id: true, name: true } } },
    });
    const contacts = new Map(conversations.map((c) => [c.contact.id, c.contact.name]));
    const summary: BulkSpamMarkSummary = {
      spam,
      contacts: [],
      failed: [],
      notFound: unique.filter((id) => !conversations.some((c) => c.id === id)),
    };
    for (const [contactId, name] of contacts) {
      try {
        const result = await (spam ? markContactAsSpam : unmarkContactAsSpam)({ db, actor, contactId });
        summary.contacts.push({
          contactId,
          name,
          changed: result.changed,
          conversationsMoved: result.conversationsMoved,
        });
      } catch (error) {
        if (!(error instanceof AppError)) console.error("[spam-marking] bulk item failed:", error);
        summary.failed.push({ contactId, name, error: error instanceof AppError ? error.message : "Unexpected error" });
      }
    }
    return summary;
  },
});
