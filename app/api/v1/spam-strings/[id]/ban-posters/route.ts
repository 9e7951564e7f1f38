// GET /api/v1/spam-strings/:id/ban-posters — preview: how many users on which channels posted the denied string
// POST /api/v1/spam-strings/:id/ban-posters — ban each of them on the channels they posted it from ({ reason? })
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { CHANNELS } from "@/lib/channels/channels";
import { banPosters, previewBanPosters } from "@/lib/spam-manager/ban-posters";
import { banPostersSchema } from "@/lib/spam-manager/list-schemas";
import { SPAM_STRING_KINDS } from "@/lib/spam-manager/kinds";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/spam-strings/:id/ban-posters",
    tag: "Spam Manager",
    summary:
      "Preview of “ban everyone who posted this” for a denied string: users, users per channel, bans it would add " +
      "and identifiers already banned. 409 not_denied when the string is not on the Deny list.",
    actsAsAgent: true,
    responses: {
      200: {
        description: "Preview",
        schema: z.object({
          spamString: z.object({ id: z.string(), kind: z.enum(SPAM_STRING_KINDS), value: z.string() }),
          users: z.number().int(),
          byChannel: z.record(z.string(), z.number().int()),
          bans: z.number().int(),
          alreadyBanned: z.number().int(),
        }),
      },
      409: { description: "not_denied" },
    },
  },
  async ({ db, actor, params }) => json(await previewBanPosters({ db, actor, spamStringId: params.id })),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-strings/:id/ban-posters",
    tag: "Spam Manager",
    summary:
      "Ban everyone who posted a denied string, through the blacklist: one ban per (user, channel, identifier) " +
      "they posted it from. Identifiers already banned are counted, not banned twice. For many posters, ban them " +
      "in steps: `limit` (≤ 1,000) per call, each next call with `after` = the previous answer's `nextCursor`, " +
      "until it is null.",
    body: banPostersSchema,
    actsAsAgent: true,
    responses: {
      200: {
        description: "What happened",
        schema: z.object({
          banned: z.number().int(),
          alreadyBanned: z.number().int(),
          failed: z.number().int(),
          outcomes: z.array(
            z.object({
              contactId: z.string(),
              channel: z.enum(CHANNELS),
              identifier: z.string(),
              status: z.enum(["banned", "already_banned", "failed"]),
              banId: z.string().nullable(),
              error: z.string().nullable(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
      409: { description: "not_denied" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await banPosters.fromUntrusted({ db, actor, spamStringId: params.id, input: await readJson(req) })),
);
