// GET /api/v1/spam-strings/:id/ban-posters — preview: how many users on which channels posted the denied string
// POST /api/v1/spam-strings/:id/ban-posters — ban each of them on the channels they posted it from ({ reason? })
import { json, readJson, withApiKey } from "@/lib/http/api";
import { banPosters, previewBanPosters } from "@/lib/spam-manager/ban-posters";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await previewBanPosters({ db, actor, spamStringId: params.id })));

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await banPosters({ db, actor, spamStringId: params.id, input: await readJson(req) })),
);
