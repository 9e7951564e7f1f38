// GET /api/v1/labels — the tenant's labels; POST /api/v1/labels — create one
import { json, readJson, withApiKey } from "@/lib/http/api";
import { createLabel, listLabels } from "@/lib/labels/manage-labels";

export const GET = withApiKey(async ({ db, actor }) => json({ items: await listLabels({ db, actor }), nextCursor: null }));

export const POST = withApiKey(async ({ db, actor, req }) => json(await createLabel({ db, actor, input: await readJson(req) }), 201));
