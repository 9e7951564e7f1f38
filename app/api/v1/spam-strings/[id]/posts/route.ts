// GET /api/v1/spam-strings/:id/posts?cursor= — the Spam History: every stored message containing the string, newest
// first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listPostsQuerySchema, listSpamStringPosts } from "@/lib/spam-manager/spam-strings";
import { spamPostViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-strings/:id/posts",
    tag: "Spam Manager",
    summary:
      "The Spam History: every stored message containing the string, newest first, with its user, channel and " +
      "conversation, and how that post wrote the string (raw, obfuscated).",
    query: listPostsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Posts", schema: pageOf(spamPostViewSchema) } },
  },
  async ({ db, actor, params, req }) =>
    json(
      await listSpamStringPosts.fromUntrusted({
        db,
        actor,
        spamStringId: params.id,
        input: Object.fromEntries(req.nextUrl.searchParams),
      }),
    ),
);
