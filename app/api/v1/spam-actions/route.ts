// GET /api/v1/spam-actions — the named Spam Manager actions; POST /api/v1/spam-actions — define one ({ name, type, params })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { createSpamAction, listSpamActions } from "@/lib/spam-manager/spam-actions";

export const GET = withApiKey(async ({ db, actor }) => json({ items: await listSpamActions({ db, actor }), nextCursor: null }));

export const POST = withApiKey(async ({ db, actor, req }) => json(await createSpamAction({ db, actor, input: await readJson(req) }), 201));
