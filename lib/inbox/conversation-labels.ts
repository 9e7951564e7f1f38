// Add or remove a label on a conversation (labels themselves are managed in lib/labels/).
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { z } from "zod";
import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { NotFound } from "@/lib/errors";
import { assertNotMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { applyConversationChange } from "@/lib/conversations/apply-conversation-change";
import { defineUseCase } from "@/lib/use-case";

/** A label by id, or by name (handy for flows and scripts). */
export const conversationLabelSchema = z
  .object({ labelId: z.string().min(1).max(64).optional(), label: z.string().trim().min(1).max(40).optional() })
  .refine((input) => input.labelId || input.label, { message: "pass labelId or label (its name)", path: ["labelId"] });

async function findLabel(tx: Tx, tenantId: string, input: z.infer<typeof conversationLabelSchema>) {
  const label = await tx.label.findFirst({
    where: input.labelId
      ? { id: input.labelId, tenantId }
      : { tenantId, name: { equals: input.label, mode: "insensitive" } },
    select: { id: true, name: true },
  });
  if (!label) throw new NotFound("label");
  return label;
}

export const setConversationLabel = defineUseCase({
  inputName: "label",
  input: conversationLabelSchema,
  // Who may label is who sees the conversation: checked in run, on the conversation.
  run: async (
    {
      db,
      actor,
      conversationId,
      present,
    }: {
      db: Db;
      actor: Actor;
      conversationId: string;
      /** true adds the label, false removes it. */
      present: boolean;
    },
    parsed,
  ) => {
    return applyConversationChange(db, actor, conversationId, async (current, tx) => {
      const label = await findLabel(tx, current.tenantId, parsed);
      const key = { conversationId_labelId: { conversationId: current.id, labelId: label.id } };
      const has = Boolean(await tx.conversationLabel.findUnique({ where: key }));
      if (has === present) return null;
      await assertNotMarkedAsSpam(tx, current);
      return {
        data: { labels: present ? { create: { labelId: label.id } } : { delete: key } },
        event: timelineEntry(present ? "label_added" : "label_removed", { labelId: label.id, labelName: label.name }),
        audit: {
          action: present ? "conversation.label_added" : "conversation.label_removed",
          data: { labelId: label.id },
        },
      };
    });
  },
});
