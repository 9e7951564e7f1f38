// GET /api/v1/spam-users/:contactId/posts?cursor= — the User History: the user's messages with denied or uncategorized
// strings
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listUserPostsQuerySchema, listUserSpamPosts } from "@/lib/spam-manager/spam-users";
import { userSpamPostViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-users/:contactId/posts",
    tag: "Spam Manager",
    summary:
      "The User History: the user's stored messages with denied or uncategorized strings, newest first, each with " +
      "all its strings.",
    query: listUserPostsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Posts", schema: pageOf(userSpamPostViewSchema) } },
  },
  async ({ db, actor, params, req }) =>
    json(
      await listUserSpamPosts.fromUntrusted({
        db,
        actor,
        contactId: params.contactId,
        input: Object.fromEntries(req.nextUrl.searchParams),
      }),
    ),
);
