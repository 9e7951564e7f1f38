// PATCH /api/v1/spam-actions/:id — rename or change an action; DELETE /api/v1/spam-actions/:id — delete it and its rules
import { json, readJson, withApiKey } from "@/lib/http/api";
import { deleteSpamAction, updateSpamAction } from "@/lib/spam-manager/spam-actions";

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateSpamAction({ db, actor, actionId: params.id, input: await readJson(req) })),
);

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deleteSpamAction({ db, actor, actionId: params.id })));
