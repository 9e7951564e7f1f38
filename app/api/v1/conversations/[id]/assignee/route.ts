// POST /api/v1/conversations/:id/assignee — assign ({ assigneeId }) or unassign ({ assigneeId: null })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { assignConversation } from "@/lib/inbox/assign-conversation";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await assignConversation({ db, actor, conversationId: params.id, input: await readJson(req) })),
);
