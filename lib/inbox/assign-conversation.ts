// Assign, re-assign or unassign a conversation. Taking a waiting chat from the queue opens it.
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { z } from "zod";
import { authorize } from "@/lib/policy";
import { InvalidInput } from "@/lib/errors";
import { assertNotMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { applyConversationChange } from "@/lib/conversations/apply-conversation-change";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

export const assignConversationSchema = z.object({
  assigneeId: z.string().min(1).max(64).nullable(),
});

export const assignConversation = defineUseCase({
  inputName: "assignment",
  input: assignConversationSchema,
  // Who may assign depends on the conversation and the new assignee: checked in run, under the lock.
  run: async ({ db, actor, conversationId }: UseCaseContext & { conversationId: string }, { assigneeId }) => {
    return applyConversationChange(db, actor, conversationId, async (current, tx) => {
      authorize(actor, "conversation.assign", { ...current, to: assigneeId });
      if (current.assigneeId === assigneeId) return null;
      await assertNotMarkedAsSpam(tx, current);
      const [assignee, previous] = await Promise.all([
        assigneeId
          ? tx.agent.findFirst({
              where: { id: assigneeId, tenantId: actor.tenantId, deactivatedAt: null },
              select: { id: true, name: true },
            })
          : null,
        current.assigneeId
          ? tx.agent.findFirst({
              where: { id: current.assigneeId, tenantId: current.tenantId },
              select: { name: true },
            })
          : null,
      ]);
      if (assigneeId && !assignee) {
        throw new InvalidInput("Invalid assignment: assigneeId is not an active agent of this tenant.", {
          fields: [{ field: "assigneeId", message: "is not an active agent of this tenant" }],
        });
      }
      return {
        data: {
          assignee: assigneeId ? { connect: { id: assigneeId } } : { disconnect: true },
          ...(assigneeId && current.status === "waiting" ? { status: "open" as const } : {}),
        },
        event: assignee
          ? timelineEntry("assigned", {
              assigneeId: assignee.id,
              assigneeName: assignee.name,
              previousAssigneeId: current.assigneeId,
              previousAssigneeName: previous?.name ?? null,
            })
          : timelineEntry("unassigned", {
              previousAssigneeId: current.assigneeId,
              previousAssigneeName: previous?.name ?? null,
            }),
        audit: {
          action: assignee ? "conversation.assigned" : "conversation.unassigned",
          data: { from: current.assigneeId, to: assigneeId },
        },
      };
    });
  },
});
