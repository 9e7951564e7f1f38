// "Take next": the acting agent takes the chat that has waited longest in the live-chat queue (#1 of
// the Waiting list) — one key in the inbox (t), one call for flows (POST /api/v1/conversations/take-next).
// Taking it is an assignment to oneself (it opens the chat, the visitor's widget says who joined), so
// it goes through the same change, event and audit as choosing oneself in the assignee menu.
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { actingAgentOf } from "@/lib/auth/agents";
import { authorize } from "@/lib/policy";
import { InvalidInput } from "@/lib/errors";
import { assertNotMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { applyConversationChange } from "@/lib/conversations/apply-conversation-change";
import { listConversations } from "./list-conversations";
import type { UseCaseContext } from "@/lib/use-case";

/** How many queue heads to try when other agents take them first (each try is one short transaction). */
const ATTEMPTS = 5;

export async function takeNextConversation({
  db,
  actor,
}: UseCaseContext): Promise<{ conversation: ConversationSummary | null }> {
  const agent = actor.kind === "agent" ? actor : await actingAgentOf(db, actor);
  if (!agent) {
    throw new InvalidInput("Taking the next chat needs an acting agent: pass X-Agent-Id.", {
      fields: [{ field: "X-Agent-Id", message: "is required" }],
    });
  }
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // The queue's head as the Waiting list shows it; several in case the first ones are taken meanwhile.
    const { items } = await listConversations({ db, actor, input: { list: "waiting", limit: ATTEMPTS } });
    if (items.length === 0) return { conversation: null };
    for (const candidate of items) {
      const result = await applyConversationChange(db, actor, candidate.id, async (current, tx) => {
        // Someone else took it (or it left the queue) since the list was read: try the next one.
        if (current.status !== "waiting" || current.assigneeId !== null || current.bucket !== "active") return null;
        authorize(actor, "conversation.assign", { ...current, to: agent.agentId });
        await assertNotMarkedAsSpam(tx, current);
        return {
          data: { assignee: { connect: { id: agent.agentId } }, status: "open" },
          event: timelineEntry("assigned", {
            assigneeId: agent.agentId,
            assigneeName: agent.name,
            previousAssigneeId: null,
            previousAssigneeName: null,
            via: "take_next",
          }),
          audit: { action: "conversation.assigned", data: { from: null, to: agent.agentId, via: "take_next" } },
        };
      });
      if (result.changed) return { conversation: result.conversation };
    }
  }
  return { conversation: null };
}
