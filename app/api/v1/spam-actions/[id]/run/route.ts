// POST /api/v1/spam-actions/:id/run — run an action on a user ({ contactId }); answers the Actions Log entry, completed or failed
import { json, readJson, withApiKey } from "@/lib/http/api";
import { runSpamAction } from "@/lib/spam-manager/spam-actions";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) => {
  const { log, outcome } = await runSpamAction({ db, actor, actionId: params.id, input: await readJson(req) });
  return json({ ...log, outcome });
});
