// PATCH /api/v1/spam-rules/:id — change, enable or disable a rule; DELETE /api/v1/spam-rules/:id — delete it
import { json, readJson, withApiKey } from "@/lib/http/api";
import { deleteSpamRule, updateSpamRule } from "@/lib/spam-manager/spam-rules";

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateSpamRule({ db, actor, ruleId: params.id, input: await readJson(req) })),
);

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deleteSpamRule({ db, actor, ruleId: params.id })));
