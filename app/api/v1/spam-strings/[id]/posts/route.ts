// GET /api/v1/spam-strings/:id/posts?cursor= — the Spam History: every stored message containing the string, newest first
import { json, withApiKey } from "@/lib/http/api";
import { listSpamStringPosts } from "@/lib/spam-manager/spam-strings";

export const GET = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await listSpamStringPosts({ db, actor, spamStringId: params.id, query: Object.fromEntries(req.nextUrl.searchParams) })),
);
