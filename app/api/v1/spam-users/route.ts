// GET /api/v1/spam-users?q=&cursor= — users who posted denied or uncategorized strings, most recent spam first
import { json } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { listSpamUsers, listSpamUsersQuerySchema } from "@/lib/spam-manager/spam-users";
import { spamUserViewSchema } from "@/lib/spam-manager/view-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-users",
    tag: "Spam Manager",
    summary:
      "Spam users: users whose posts in the window contain denied or uncategorized strings, most recent spam " +
      "first, with their top strings and last account action.",
    query: listSpamUsersQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "Users", schema: pageOf(spamUserViewSchema) } },
  },
  async ({ db, actor, req }) =>
    json(await listSpamUsers.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);
