// GET /api/v1/spam-users/:contactId/posts?cursor= — the User History: the user's messages with denied or uncategorized strings
import { json, withApiKey } from "@/lib/http/api";
import { listUserSpamPosts } from "@/lib/spam-manager/spam-users";

export const GET = withApiKey<{ contactId: string }>(async ({ db, actor, params, req }) =>
  json(await listUserSpamPosts({ db, actor, contactId: params.contactId, query: Object.fromEntries(req.nextUrl.searchParams) })),
);
