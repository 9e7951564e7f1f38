// "Ban everyone who posted this", from a denied string: first how many users on which channels it
// would ban, then a ban through the blacklist for each (user, channel, identifier) that posted it — in
// steps (`limit`, `after`) when they are many, so each call answers in seconds and the page shows progress.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { CHANNELS, type ChannelName } from "@/lib/channels/channels";
import { authorize } from "@/lib/policy";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { findNul } from "@/lib/text-input";
import { activeBanWhere } from "@/lib/blacklist/ban-view";
import { KIND_LABELS } from "./kinds";
import { banPostersSchema } from "./list-schemas";
import { banIdentities, type BanOutcome } from "./spam-actions";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";

interface Target {
  contactId: string;
  channel: ChannelName;
  identifier: string;
}

export interface BanPostersPreview {
  spamString: { id: string; kind: string; value: string };
  /** Distinct users who posted it. */
  users: number;
  /** Users per channel they posted it from. */
  byChannel: Partial<Record<ChannelName, number>>;
  /** Bans it would create: one per (user, channel, identifier). */
  bans: number;
  /** Of those, identifiers already banned (left as they are). */
  alreadyBanned: number;
}

async function loadDenied(db: DbOrTx, actor: Actor, spamStringId: string) {
  const string = await db.spamString.findFirst({
    where: { id: String(spamStringId), tenantId: actor.tenantId },
    select: { id: true, kind: true, value: true },
  });
  if (!string) throw new NotFound("spam string");
  const entry = await db.spamListEntry.findUnique({
    where: { tenantId_kind_value: { tenantId: actor.tenantId, kind: string.kind, value: string.value } },
    select: { list: true },
  });
  if (entry?.list !== "deny") {
    throw new Conflict(
      "not_denied",
      `Deny ${string.value} first: ` +
        `only the posters of a denied ${KIND_LABELS[string.kind].oneInText} can be banned in one go.`,
    );
  }
  return string;
}

/**
 * Each identity a poster of the string wrote from, on the channel they posted it on, in a fixed order
 * (contact, channel, identifier): all of them, or `limit` after the `after` one (a step of the ban).
 */
async function targetsOf(
  db: DbOrTx,
  tenantId: string,
  spamStringId: string,
  page: { after?: Target; limit?: number } = {},
): Promise<Target[]> {
  const { after, limit } = page;
  const afterThat = after
    ? Prisma.sql`AND (o."contactId", o."channel"::text, i."identifier")
                     > (${after.contactId}, ${after.channel}, ${after.identifier})`
    : Prisma.empty;
  return db.$queryRaw<Target[]>`
    SELECT DISTINCT o."contactId", o."channel"::text AS "channel", i."identifier"
    FROM "SpamStringOccurrence" o
    JOIN "ContactIdentity" i ON i."contactId" = o."contactId" AND i."channel" = o."channel"
      AND i."tenantId" = o."tenantId"
    WHERE o."tenantId" = ${tenantId} AND o."spamStringId" = ${spamStringId}
      ${afterThat}
    ORDER BY o."contactId", "channel", i."identifier"
    ${limit ? Prisma.sql`LIMIT ${limit}` : Prisma.empty}`;
}

/** A step's cursor: the last poster it did, opaque to clients. */
function encodeTargetCursor(target: Target): string {
  return Buffer.from(JSON.stringify([target.contactId, target.channel, target.identifier])).toString("base64url");
}

const targetCursorSchema = z.tuple([z.string().max(200), z.enum(CHANNELS), z.string().max(500)]);

function decodeTargetCursor(cursor: string): Target {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const parsed = targetCursorSchema.safeParse(decoded);
  // A NUL decoded from the cursor never passed the body's NUL check, and PostgreSQL refuses it in text.
  if (!parsed.success || findNul(parsed.data)) {
    throw new InvalidInput("Invalid cursor: pass the nextCursor of the previous step.", {
      fields: [{ field: "after", message: "is not a cursor from this API" }],
    });
  }
  const [contactId, channel, identifier] = parsed.data;
  return { contactId, channel, identifier };
}

export async function previewBanPosters({
  db,
  actor,
  spamStringId,
  now = new Date(),
}: ReadContext & {
  spamStringId: string;
}): Promise<BanPostersPreview> {
  authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId });
  const string = await loadDenied(db, actor, spamStringId);
  const targets = await targetsOf(db, actor.tenantId, string.id);
  const banned = await activeBansAmong(db, actor.tenantId, targets, now);
  const usersByChannel = new Map<ChannelName, Set<string>>();
  for (const target of targets) {
    const users = usersByChannel.get(target.channel) ?? new Set<string>();
    users.add(target.contactId);
    usersByChannel.set(target.channel, users);
  }
  return {
    spamString: string,
    users: new Set(targets.map((t) => t.contactId)).size,
    byChannel: Object.fromEntries([...usersByChannel].map(([channel, users]) => [channel, users.size])),
    bans: targets.length,
    alreadyBanned: targets.filter((t) => banned.has(`${t.channel} ${t.identifier}`)).length,
  };
}

/**
 * Which of `targets` are banned now, as "channel identifier". Asked by identifier, a chunk at a time: one
 * condition per target (the first version) broke past PostgreSQL's 32,767 parameters when a widely posted
 * string was denied, and planned slowly long before.
 */
async function activeBansAmong(db: DbOrTx, tenantId: string, targets: Target[], now: Date): Promise<Set<string>> {
  const identifiers = [...new Set(targets.map((t) => t.identifier))];
  const banned = new Set<string>();
  for (let at = 0; at < identifiers.length; at += IDENTIFIERS_PER_QUERY) {
    const rows = await db.ban.findMany({
      where: {
        tenantId,
        identifier: { in: identifiers.slice(at, at + IDENTIFIERS_PER_QUERY) },
        ...activeBanWhere(now),
      },
      select: { channel: true, identifier: true },
    });
    for (const row of rows) banned.add(`${row.channel} ${row.identifier}`);
  }
  return banned;
}

const IDENTIFIERS_PER_QUERY = 5_000;

export interface BanPostersResult {
  banned: number;
  alreadyBanned: number;
  failed: number;
  /** One line per identity. */
  outcomes: Array<BanOutcome & { contactId: string }>;
  /** With `limit`: pass as `after` to ban the next posters; null when every poster is done. */
  nextCursor: string | null;
}

/** Bans placed together (their events, admission settling and teaching shared) when a call bans them all. */
const BANS_PER_BATCH = 200;

export const banPosters = defineUseCase({
  inputName: "ban",
  input: banPostersSchema,
  authorize: ({ actor }: UseCaseContext & { spamStringId: string }) =>
    authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId }),
  run: async ({ db, actor, spamStringId, now = new Date() }, { reason, limit, after }): Promise<BanPostersResult> => {
    const string = await loadDenied(db, actor, spamStringId);
    const page = { after: after ? decodeTargetCursor(after) : undefined, limit: limit ? limit + 1 : undefined };
    const found = await targetsOf(db, actor.tenantId, string.id, page);
    const targets = limit ? found.slice(0, limit) : found;
    const outcomes: BanPostersResult["outcomes"] = [];
    for (let at = 0; at < targets.length; at += BANS_PER_BATCH) {
      const batch = targets.slice(at, at + BANS_PER_BATCH);
      const results = await banIdentities(db, actor, batch, {
        reason: reason ?? `Posted the denied ${KIND_LABELS[string.kind].oneInText} ${string.value}`,
        expiresAt: null,
        source: "spam_manager",
        now,
      });
      for (const [index, outcome] of results.entries())
        outcomes.push({ ...outcome, contactId: batch[index]!.contactId });
    }
    const last = targets.at(-1);
    return {
      banned: outcomes.filter((o) => o.status === "banned").length,
      alreadyBanned: outcomes.filter((o) => o.status === "already_banned").length,
      failed: outcomes.filter((o) => o.status === "failed").length,
      outcomes,
      nextCursor: limit && found.length > limit && last ? encodeTargetCursor(last) : null,
    };
  },
});
