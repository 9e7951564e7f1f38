// The tenant blacklist: ban a client on one channel (from a session's detail, during a live session,
// by an admin, by a Spam Manager rule or action), and deactivate bans — never delete them. The
// admission gate (lib/admission) enforces what is in force; this module decides what is.
import "server-only";
import { timelineEntry } from "@/lib/conversations/timeline-events";
import { recordTimelineEvent } from "@/lib/conversations/timeline-writer";
import type { Db, DbOrTx, Tx } from "@/lib/db";
import { actingAgentId, actorDisplayName, type Actor } from "@/lib/auth/actor";
import { authorize, visibleConversationsWhere } from "@/lib/policy";
import { Conflict, InvalidInput, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/db/errors";
import { normalizeIdentifier } from "@/lib/channels/identifiers";
import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { bucketAfterChange } from "@/lib/conversations/bucket";
import { teachFromContacts } from "@/lib/spam-detection/learn-from-team";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import {
  banConversationClientSchema,
  createBanSchema,
  type BanSourceName,
  type ConversationBanSourceName,
  type NewBan,
} from "./ban-schemas";
import { activeBanWhere, banSelect, toBanView, type BanRow, type BanView } from "./ban-view";
import { settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";

export interface CreateBanResult {
  ban: BanView;
  /** Ongoing conversations of the client on that channel, closed by the ban. */
  closedConversations: number;
}

async function tenantBanSettings(db: DbOrTx, tenantId: string) {
  return db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { operatorBansEnabled: true, defaultPhoneRegion: true },
  });
}

function parseExpiry(expiresAt: string | null | undefined, now: Date): Date | null {
  if (!expiresAt) return null;
  const at = new Date(expiresAt);
  if (at <= now)
    throw new InvalidInput("Invalid ban: expiresAt must be in the future.", {
      fields: [{ field: "expiresAt", message: "must be in the future" }],
    });
  return at;
}

/** The names of the tenant's contacts the rows name; another tenant's contact is not named. */
export async function contactNamesFor(
  db: DbOrTx,
  tenantId: string,
  rows: Array<Pick<BanRow, "contactId">>,
): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.contactId).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map();
  const contacts = await db.contact.findMany({
    where: { tenantId, id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(contacts.map((c) => [c.id, c.name]));
}

/** Bans that teach the spam classifier: those made for what the sender posted. */
const TEACHING_BAN_SOURCES: ReadonlySet<BanSourceName> = new Set(["spam_manager", "rule"]);

/**
 * Bans any identifier on a channel: the Blacklist page's Add button (source admin_add) and
 * POST /api/v1/bans (source api). Admins and API keys only, whatever the operator-bans setting.
 * Refuses a second active ban of the same identifier (409 with its id).
 */
export const createBan = defineUseCase({
  inputName: "ban",
  input: createBanSchema,
  // Before validation: an agent learns nothing about the identifier (400 parse, 409 exists) first.
  authorize: ({ actor }: UseCaseContext & { source: "admin_add" | "api" }) =>
    authorize(actor, "bans.add", { tenantId: actor.tenantId }),
  run: async ({ db, actor, source, now = new Date() }, data): Promise<CreateBanResult> => {
    const settings = await tenantBanSettings(db, actor.tenantId);
    return banIdentifier(db, actor, data, settings.defaultPhoneRegion, { source, now });
  },
});

/** One of several bans asked at once: placed (its ban), or refused (`ban_exists` among others) or failed. */
export type ClientBanResult = { ok: true; ban: BanRow } | { ok: false; error: unknown };

/**
 * Bans identifiers of clients the actor already has in front of them — a Spam Manager user's channel
 * identities, everyone who posted a denied string (sources spam_manager, rule). Operators may while the
 * tenant lets them: checked once, before any ban. Each ban is its own transaction (one refused ban never
 * undoes another); what follows them — the admission caches settled, the closed chats' events, what the
 * bans teach the classifier — runs once for all of them.
 */
export async function banClientIdentifiers({
  db,
  actor,
  bans,
  source,
  now = new Date(),
}: {
  db: Db;
  actor: Actor;
  /** Typed values from inside the app (stored identities): normalized for the channel like any ban. */
  bans: NewBan[];
  source: "spam_manager" | "rule";
  now?: Date;
}): Promise<ClientBanResult[]> {
  const settings = await authorizeClientBan(db, actor);
  const results: ClientBanResult[] = [];
  const placed: PlacedBan[] = [];
  for (const ban of bans) {
    try {
      const outcome = await placeBan(db, actor, ban, settings.defaultPhoneRegion, { source, now });
      placed.push(outcome);
      results.push({ ok: true, ban: outcome.ban });
    } catch (error) {
      results.push({ ok: false, error });
    }
  }
  await afterBansPlaced(db, actor, placed, source);
  return results;
}

/**
 * The "bans.create" check (operator-bans setting), before any validation or look-up: with operator bans off an agent
 * gets 403, nothing else.
 */
async function authorizeClientBan(db: DbOrTx, actor: Actor) {
  const settings = await tenantBanSettings(db, actor.tenantId);
  authorize(actor, "bans.create", { tenantId: actor.tenantId, operatorBansEnabled: settings.operatorBansEnabled });
  return settings;
}

/** Normalizes the identifier as ingest does, then places the ban and what follows it. Callers authorize. */
async function banIdentifier(
  db: Db,
  actor: Actor,
  data: NewBan,
  defaultPhoneRegion: string,
  options: { source: BanSourceName; conversationId?: string; now: Date },
): Promise<CreateBanResult> {
  const placed = await placeBan(db, actor, data, defaultPhoneRegion, options);
  await afterBansPlaced(db, actor, [placed], options.source);
  return {
    ban: toBanView(placed.ban, await contactNamesFor(db, actor.tenantId, [placed.ban]), options.now),
    closedConversations: placed.closed.length,
  };
}

type PlacedBan = Awaited<ReturnType<typeof insertBan>>;

/**
 * Normalizes the identifier and inserts the ban in its own transaction, closing the client's ongoing chats on
 * that channel.
 */
async function placeBan(
  db: Db,
  actor: Actor,
  data: NewBan,
  defaultPhoneRegion: string,
  options: { source: BanSourceName; conversationId?: string; now: Date },
): Promise<PlacedBan> {
  const { now } = options;
  const identifier = normalizeIdentifier(data.channel, data.identifier, defaultPhoneRegion);
  if (!identifier.ok) {
    throw new InvalidInput(`Invalid ban: identifier ${identifier.message} for ${CHANNEL_INFO[data.channel].label}.`, {
      fields: [{ field: "identifier", message: `${identifier.message} for ${CHANNEL_INFO[data.channel].label}` }],
    });
  }
  const expiresAt = parseExpiry(data.expiresAt, now);
  const key = { tenantId: actor.tenantId, channel: data.channel, identifier: identifier.value };
  try {
    return await db.$transaction((tx) =>
      insertBan(tx, actor, key, {
        reason: data.reason,
        expiresAt,
        source: options.source,
        conversationId: options.conversationId,
        now,
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another ban of the same identifier won the race.
    const existing = await db.ban.findFirst({ where: { ...key, ...activeBanWhere(now) }, select: { id: true } });
    throw banExists(existing?.id ?? null, identifier.value);
  }
}

/**
 * After bans committed: every instance's admission cache holds them before the caller answers, the chats they
 * closed move live, and — for a ban made in the Spam Manager (a moderator or a rule, for what the sender
 * posted) — the classifier learns a weaker spam signal from the banned senders' newest messages
 * (lib/spam-detection), one teaching for the lot. A ban from a chat, the Blacklist page or the API is usually
 * for abuse — threats, harassment — whose words are ordinary: taught as spam, they pushed everyday customer
 * messages towards spam. Never throws for the teaching.
 */
async function afterBansPlaced(db: Db, actor: Actor, placed: PlacedBan[], source: BanSourceName) {
  if (!placed.length) return;
  await settleAdmissionChanges();
  await dispatchEvents(db, [
    ...placed.flatMap(({ closed }) =>
      closed.map((conversation) =>
        domainEvent("conversation.changed", {
          tenantId: actor.tenantId,
          conversation: conversation.conversation,
          previous: conversation.previous,
          timeline: conversation.timeline,
        }),
      ),
    ),
    domainEvent("blacklist.changed", { tenantId: actor.tenantId, change: { placed: placed.length } }),
  ]);
  const contactIds = placed.flatMap(({ ban }) => (ban.contactId ? [ban.contactId] : []));
  if (contactIds.length && TEACHING_BAN_SOURCES.has(source))
    await teachFromContacts({ db, tenantId: actor.tenantId, contactIds, source: "ban_sender" });
}

function banExists(banId: string | null, identifier: string) {
  return new Conflict("ban_exists", `${identifier} already has an active ban on this channel.`, { banId });
}

async function insertBan(
  tx: Tx,
  actor: Actor,
  key: { tenantId: string; channel: ChannelName; identifier: string },
  options: { reason: string; expiresAt: Date | null; source: BanSourceName; conversationId?: string; now: Date },
) {
  const { now } = options;
  // Expired bans count as inactive: free their slot so the identifier can be banned again.
  const expired = await tx.ban.findMany({
    where: { ...key, activeSlot: "active", expiresAt: { lte: now } },
    select: { id: true, expiresAt: true },
  });
  for (const ban of expired) {
    await tx.ban.update({
      where: { id: ban.id, tenantId: key.tenantId },
      data: { activeSlot: null, deactivatedAt: ban.expiresAt, deactivatedByName: "Expired" },
    });
  }
  const existing = await tx.ban.findFirst({ where: { ...key, activeSlot: "active" }, select: { id: true } });
  if (existing) throw banExists(existing.id, key.identifier);

  const identity = await tx.contactIdentity.findUnique({
    where: { tenantId_channel_identifier: key },
    select: { contactId: true },
  });
  const ban = await tx.ban.create({
    data: {
      ...key,
      reason: options.reason,
      source: options.source,
      contactId: identity?.contactId ?? null,
      conversationId: options.conversationId ?? null,
      createdById: actingAgentId(actor),
      createdByName: actorDisplayName(actor),
      createdAt: now,
      expiresAt: options.expiresAt,
    },
    select: banSelect,
  });
  await recordAudit(tx, actor, {
    action: "ban.created",
    targetType: "ban",
    targetId: ban.id,
    data: {
      channel: key.channel,
      identifier: key.identifier,
      source: options.source,
      expiresAt: options.expiresAt?.toISOString() ?? null,
    },
  });
  const closed = identity
    ? await closeOngoingConversations(tx, actor, identity.contactId, key.channel, ban.id, options.reason, now)
    : [];
  return { ban, closed };
}

/** An ongoing conversation of a client who is banned on its channel is closed, with a timeline line. */
async function closeOngoingConversations(
  tx: Tx,
  actor: Actor,
  contactId: string,
  channel: ChannelName,
  banId: string,
  reason: string,
  now: Date,
) {
  // The contact row lock marking takes: a concurrent mark or un-mark waits (or is waited for), so the
  // buckets read and written below agree with the contact's mark.
  const [contact] = await tx.$queryRaw<Array<{ spamMarkedAt: Date | null }>>`
    SELECT "spamMarkedAt" FROM "Contact" WHERE "id" = ${contactId} AND "tenantId" = ${actor.tenantId} FOR UPDATE`;
  if (!contact) return [];
  const ongoing = await tx.conversation.findMany({
    where: { tenantId: actor.tenantId, contactId, channel, status: { not: "resolved" } },
    select: { id: true, tenantId: true, status: true, bucket: true, assigneeId: true, spamMarkedById: true },
  });
  const closed = [];
  for (const conversation of ongoing) {
    // Closed: Resolved — or still Spam for a spam-marked contact, still in no list if a ban already holds it.
    const bucket = bucketAfterChange(conversation, "resolved", contact.spamMarkedAt !== null);
    await tx.conversation.update({
      where: { id: conversation.id, tenantId: conversation.tenantId },
      data: { status: "resolved", bucket },
      select: { id: true },
    });
    const line = await recordTimelineEvent(
      tx,
      { tenantId: conversation.tenantId, conversationId: conversation.id, actor, createdAt: now },
      timelineEntry("client_banned", { channel, banId, reason }),
    );
    closed.push({
      timeline: [line],
      conversation: await readConversationSummary(tx, conversation.tenantId, conversation.id),
      previous: {
        status: conversation.status,
        bucket: conversation.bucket,
        assigneeId: conversation.assigneeId,
        spamMarkedById: conversation.spamMarkedById,
      },
    });
  }
  return closed;
}

interface BanConversationClientContext extends UseCaseContext {
  conversationId: string;
  /** Where the ban is made from; when absent, the input's `source` (REST API), by default live_session. */
  source?: ConversationBanSourceName;
}

/**
 * Bans the client of a conversation on its channel (the "Ban client" button of a live session or a session's detail).
 */
export const banConversationClient = defineUseCase({
  inputName: "ban",
  input: banConversationClientSchema,
  authorize: ({ db, actor }: BanConversationClientContext) => authorizeClientBan(db, actor),
  run: async ({ db, actor, conversationId, source, now = new Date() }, data, settings): Promise<CreateBanResult> => {
    const conversation = await db.conversation.findFirst({
      where: { AND: [{ id: String(conversationId) }, visibleConversationsWhere(actor)] },
      select: { id: true, channel: true, contactId: true },
    });
    if (!conversation) throw new NotFound("conversation");
    const identity = await db.contactIdentity.findFirst({
      where: { tenantId: actor.tenantId, contactId: conversation.contactId, channel: conversation.channel },
      orderBy: { createdAt: "desc" },
      select: { identifier: true },
    });
    if (!identity)
      throw new Conflict("no_identifier", "This client has no identifier on the conversation's channel to ban.");
    return banIdentifier(
      db,
      actor,
      {
        channel: conversation.channel,
        identifier: identity.identifier,
        reason: data.reason,
        expiresAt: data.expiresAt,
      },
      settings.defaultPhoneRegion,
      { source: source ?? data.source, conversationId: conversation.id, now },
    );
  },
});

/** Deactivates a ban (it stays in the history). Deactivating an inactive or expired ban changes nothing. */
export async function deactivateBan({
  db,
  actor,
  banId,
  now = new Date(),
}: UseCaseContext & {
  banId: string;
}): Promise<BanView> {
  authorize(actor, "bans.manage", { tenantId: actor.tenantId });
  const { row, changed } = await db.$transaction(async (tx) => {
    const ban = await tx.ban.findFirst({ where: { id: String(banId), tenantId: actor.tenantId }, select: banSelect });
    if (!ban) throw new NotFound("ban");
    if (!ban.activeSlot || (ban.expiresAt && ban.expiresAt <= now)) return { row: ban, changed: false };
    const updated = await tx.ban.update({
      where: { id: ban.id, tenantId: actor.tenantId },
      data: {
        activeSlot: null,
        deactivatedAt: now,
        deactivatedById: actingAgentId(actor),
        deactivatedByName: actorDisplayName(actor),
      },
      select: banSelect,
    });
    await recordAudit(tx, actor, {
      action: "ban.deactivated",
      targetType: "ban",
      targetId: ban.id,
      data: { channel: ban.channel, identifier: ban.identifier },
    });
    return { row: updated, changed: true };
  });
  await settleAdmissionChanges();
  if (changed)
    await dispatchEvents(db, [
      domainEvent("blacklist.changed", { tenantId: actor.tenantId, change: { deactivated: 1 } }),
    ]);
  return toBanView(row, await contactNamesFor(db, actor.tenantId, [row]), now);
}

export async function getBan({
  db,
  actor,
  banId,
  now = new Date(),
}: ReadContext & {
  banId: string;
}): Promise<BanView> {
  authorize(actor, "bans.manage", { tenantId: actor.tenantId });
  const ban = await db.ban.findFirst({ where: { id: String(banId), tenantId: actor.tenantId }, select: banSelect });
  if (!ban) throw new NotFound("ban");
  return toBanView(ban, await contactNamesFor(db, actor.tenantId, [ban]), now);
}
