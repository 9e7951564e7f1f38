// GET /api/v1/spam-rules — the post rules; POST /api/v1/spam-rules — define one ({ name, trigger, params, actionId, enabled? })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { createSpamRule, listSpamRules } from "@/lib/spam-manager/spam-rules";

export const GET = withApiKey(async ({ db, actor }) => json({ items: await listSpamRules({ db, actor }), nextCursor: null }));

export const POST = withApiKey(async ({ db, actor, req }) => json(await createSpamRule({ db, actor, input: await readJson(req) }), 201));
