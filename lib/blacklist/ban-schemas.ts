import { z } from "zod";
import { channelSchema } from "@/lib/channels/channels";

export const BAN_SOURCES = ["session_detail", "live_session", "admin_add", "rule", "spam_manager", "api"] as const;
export type BanSourceName = (typeof BAN_SOURCES)[number];

export const BAN_SOURCE_LABELS: Record<BanSourceName, string> = {
  session_detail: "Session detail",
  live_session: "Live session",
  admin_add: "Added by admin",
  rule: "Spam rule",
  spam_manager: "Spam Manager",
  api: "API",
};

const reason = z.string().trim().min(1, "must not be empty").max(500, "must be at most 500 characters");
const expiresAt = z.iso.datetime({ offset: true, error: "must be an ISO-8601 date-time" }).nullable().optional();

/** POST /api/v1/bans and the Blacklist page's Add form. */
export const createBanSchema = z.object({
  channel: channelSchema,
  identifier: z.string().trim().min(1, "must not be empty").max(320),
  reason,
  expiresAt,
});
/** A ban in typed values: what createBanSchema parses the API's JSON into. */
export type NewBan = z.output<typeof createBanSchema>;

/** Where an operator bans the client of a conversation from. */
export const CONVERSATION_BAN_SOURCES = ["live_session", "session_detail"] as const satisfies readonly BanSourceName[];
export type ConversationBanSourceName = (typeof CONVERSATION_BAN_SOURCES)[number];

/** Banning the client of a conversation (live session or session detail): the identifier comes from it. */
export const banConversationClientSchema = z.object({
  reason,
  expiresAt,
  source: z
    .enum(CONVERSATION_BAN_SOURCES, { error: () => `must be one of ${CONVERSATION_BAN_SOURCES.join(", ")}` })
    .default("live_session")
    .describe("where the ban is made from: the live session (default) or a past session's detail"),
});

export const BAN_STATUSES = ["active", "inactive", "all"] as const;
export const BAN_SORTS = ["createdAt", "lastHitAt", "hitCount", "expiresAt", "identifier", "channel"] as const;

export const listBansQuerySchema = z.object({
  status: z.enum(BAN_STATUSES).default("active"),
  channel: channelSchema.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(BAN_SORTS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  // A keyset cursor carries the sort value: an identifier of 320 characters, 4 UTF-8 bytes each, in base64.
  cursor: z
    .string()
    .max(2000)
    .optional()
    .describe("nextCursor or prevCursor of a previous page (a page of another sort, direction or tenant is a 400)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListBansQuery = z.infer<typeof listBansQuerySchema>;
