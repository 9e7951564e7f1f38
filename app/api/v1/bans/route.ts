// GET /api/v1/bans?status=active|inactive|all&channel=&q=&sort=&dir=&cursor=&limit= — the tenant blacklist
// POST /api/v1/bans — ban a client on a channel ({ channel, identifier, reason, expiresAt? })
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { createBan } from "@/lib/blacklist/manage-bans";
import { listBans } from "@/lib/blacklist/list-bans";
import { createBanSchema, listBansQuerySchema } from "@/lib/blacklist/ban-schemas";
import { banViewSchema, createdBanViewSchema } from "@/lib/blacklist/ban-view";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/bans",
    tag: "Blacklist",
    summary:
      "The tenant blacklist (supervisors, admins, API keys). Default status=active; expired bans count as inactive.",
    query: listBansQuerySchema,
    actsAsAgent: true,
    responses: {
      200: {
        description:
          "A page. nextCursor and prevCursor page by keyset (each page costs the same however deep); total counts " +
          "the whole filter. A cursor of another tenant, sort or direction, or not one at all, is a 400.",
        schema: pageOf(banViewSchema).extend({
          prevCursor: z.string().nullable().describe("the page before this one; null on the first"),
          total: z.number(),
        }),
      },
    },
  },
  async ({ db, actor, req }) =>
    json(await listBans.fromUntrusted({ db, actor, input: Object.fromEntries(req.nextUrl.searchParams) })),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/bans",
    tag: "Blacklist",
    summary:
      "Ban any identifier on one channel (source api): API keys' own identity and admins only — with X-Agent-Id " +
      "of a non-admin agent, 403 whatever the operator-bans setting (operators ban the client of a conversation " +
      'with POST /api/v1/conversations/:id/ban). The identifier is normalized as ingest does ("+44 7700 900123" ' +
      'and "07700900123" with region GB are the same ban). 400 names the bad field; 409 ban_exists carries ' +
      "details.banId of the active ban. The client's ongoing conversations on that channel are closed.",
    body: createBanSchema,
    actsAsAgent: true,
    responses: {
      201: { description: "The ban", schema: createdBanViewSchema },
      409: { description: "ban_exists: details.banId is the active ban" },
    },
  },
  async ({ db, actor, req }) => {
    const { ban, closedConversations } = await createBan.fromUntrusted({
      db,
      actor,
      source: "api",
      input: await readJson(req),
    });
    return json({ ...ban, closedConversations }, 201);
  },
);
