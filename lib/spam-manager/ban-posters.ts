// "Ban everyone who posted this", from a denied string: first how many users on which channels it
// would ban, then a ban through the blacklist for each (user, channel, identifier) that posted it.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ChannelName } from "@/lib/channels/channels";
import { authorize } from "@/lib/policy";
import { Conflict, NotFound } from "@/lib/errors";
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

/** Each identity a poster of the string wrote from, on the channel they posted it on. */
async function targetsOf(db: DbOrTx, tenantId: string, spamStringId: string): Promise<Target[]> {
  return db.$queryRaw<Target[]>`
    SELECT DISTINCT o."contactId", o."channel"::text AS "channel", i."identifier"
    FROM "SpamStringOccurrence" o
    JOIN "ContactIdentity" i ON i."contactId" = o."contactId" AND i."channel" = o."channel"
      AND i."tenantId" = o."tenantId"
    WHERE o."tenantId" = ${tenantId} AND o."spamStringId" = ${spamStringId}
    ORDER BY o."contactId", "channel", i."identifier"`;
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
}

export const banPosters = defineUseCase({
  inputName: "ban",
  input: banPostersSchema,
  authorize: ({ actor }: UseCaseContext & { spamStringId: string }) =>
    authorize(actor, "spamManager.moderate", { tenantId: actor.tenantId }),
  run: async ({ db, actor, spamStringId, now = new Date() }, { reason }): Promise<BanPostersResult> => {
    const string = await loadDenied(db, actor, spamStringId);
    const targets = await targetsOf(db, actor.tenantId, string.id);
    const outcomes: BanPostersResult["outcomes"] = [];
    for (const target of targets) {
      const [outcome] = await banIdentities(db, actor, [target], {
        reason: reason ?? `Posted the denied ${KIND_LABELS[string.kind].oneInText} ${string.value}`,
        expiresAt: null,
        source: "spam_manager",
        now,
      });
      outcomes.push({ ...outcome!, contactId: target.contactId });
    }
    return {
      banned: outcomes.filter((o) => o.status === "banned").length,
      alreadyBanned: outcomes.filter((o) => o.status === "already_banned").length,
      failed: outcomes.filter((o) => o.status === "failed").length,
      outcomes,
    };
  },
});
