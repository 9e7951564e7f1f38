// POST /api/v1/conversations/:id/labels — add a label ({ labelId } or { label: name})
// DELETE /api/v1/conversations/:id/labels — remove it (same body)
import { json, readJson, withApiKey } from "@/lib/http/api";
import { setConversationLabel } from "@/lib/inbox/conversation-labels";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await setConversationLabel({ db, actor, conversationId: params.id, input: await readJson(req), present: true })),
);

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await setConversationLabel({ db, actor, conversationId: params.id, input: await readJson(req), present: false })),
);
