// Admission from memory: what every request asks before it does anything — is this API key good, what
// are the tenant's ingest settings, is this sender banned, is this user blocked from live chat — is
// answered from this instance's memory. Each instance loads a tenant's active ban set once and then
// follows changes: database triggers (migration 20261204201500_admission_change_notifications) send a
// NOTIFY in the writing transaction, delivered to every instance right after the commit, whoever wrote
// it. A not-banned check is a Map lookup; no database round trip.
//
// Consistency: a change applies on every instance as soon as its notification arrives (milliseconds;
// the tests hold it to a second). PGlite is one process and delivers it synchronously with the commit.
// A load that raced a change never overwrites it: loads note a generation and notifications bump it;
// ban changes that arrive while a tenant's set is loading are replayed over the loaded set in commit
// order. If the listener's connection drops, everything is forgotten and, until it is back, every
// question goes to the database (slower, never stale).
import "server-only";
import { BoundedMap } from "@/lib/bounded-map";
import { database, type DatabaseHandle, type DbOrTx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ChannelName } from "@/lib/channels/channels";
import type { ServiceActor } from "@/lib/auth/actor";
import { SPAM_DETECTION_SETTINGS, type SpamDetectionModeName } from "@/lib/spam-detection/settings-schema";

export const ADMISSION_CHANNEL = "bouncer_admission";

export interface TenantIngestSettings {
  defaultPhoneRegion: string;
  /** The spam classifier's mode and threshold (lib/spam-detection), read by ingest's score step. */
  spamDetectionMode: SpamDetectionModeName;
  spamSuspectThreshold: number;
  /**
   * Whether the tenant has an active ongoing campaign: ingest queues the job that sends them to a new
   * contact only then (lib/events/listeners.ts). Followed through the admission channel like the rest
   * (migration 20261205083000_ongoing_campaign_notifications).
   */
  ongoingCampaigns: boolean;
}

/** What the widget page asks of its tenant on every request: its name, and the sites that may frame it. */
export interface WidgetTenant {
  name: string;
  /** The tenant's widgetAllowedOrigins; null when any site may frame the widget (the list is empty). */
  allowedOrigins: string[] | null;
}

export interface ActiveBan {
  id: string;
  expiresAt: Date | null;
}

export interface ActiveBlock {
  id: string;
  contactId: string;
  conversationId: string | null;
  blockedUntil: Date;
}

type Change =
  | {
      kind: "ban";
      tenantId: string;
      channel: string;
      identifier: string;
      id: string;
      active: boolean;
      expiresAt: string | null;
    }
  | { kind: "bans"; tenantId: string }
  | { kind: "apiKey"; keyHash: string }
  | { kind: "tenant"; tenantId: string }
  | { kind: "blocks"; tenantId: string }
  | { kind: "sync"; token: string };

/**
 * Another per-instance cache that follows changes on the same channel (one LISTEN per instance), e.g.
 * spam detection's list status and classifier versions (lib/spam-detection/detection-caches.ts): told of
 * every change after this cache applied its own, and when changes may have been missed.
 */
export interface AdmissionChangeSubscriber {
  onChange(change: { kind: string; [field: string]: unknown }): void;
  onReset(): void;
}

/** A tenant's unlifted blocks: the Live Chat Blacklist's by contact, anonymous visitors' by conversation. */
interface TenantBlocks {
  done: boolean;
  byContact: Map<string, ActiveBlock[]>;
  byConversation: Map<string, ActiveBlock[]>;
}

type BanSet =
  | { state: "loading"; pending: Array<Extract<Change, { kind: "ban" }>>; ready: Promise<Map<string, ActiveBan>> }
  | { state: "ready"; bans: Map<string, ActiveBan> };

/**
 * Unknown and revoked keys are remembered too (the same wrong key again costs no query), the latest this many: past
 * it the oldest is forgotten. Good keys are kept apart and never pushed out by them — their number is the number of
 * keys in the table. (Each new unknown key still costs one query: the per-address limit on failed keys bounds those,
 * lib/auth/api-keys.ts.)
 */
const MAX_REMEMBERED_UNKNOWN_KEYS = 10_000;
/** Hashes of keys this instance has seen good, kept across resets (see vouchedApiKey); bounded all the same. */
const MAX_VOUCHED_KEYS = 100_000;
const banKey = (channel: string, identifier: string) => `${channel}\u0000${identifier}`;

export class AdmissionCache {
  private listening = false;
  private stopListening: (() => Promise<void>) | null = null;
  private started: Promise<void> | null = null;
  /** Bumped by every change and every reset: a load that started before it must not be kept. */
  private generation = 0;
  private goodKeys = new Map<string, ServiceActor>();
  private unknownKeys = new BoundedMap<string, null>(MAX_REMEMBERED_UNKNOWN_KEYS);
  private vouchedKeys = new BoundedMap<string, true>(MAX_VOUCHED_KEYS);
  private tenants = new Map<string, TenantIngestSettings>();
  private widgetTenants = new Map<string, WidgetTenant>();
  private bans = new Map<string, BanSet>();
  private blocks = new Map<string, TenantBlocks>();
  private syncWaiters = new Map<string, () => void>();
  private subscribers = new Set<AdmissionChangeSubscriber>();

  constructor(private readonly handle: DatabaseHandle) {}

  get isStarted(): boolean {
    return this.listening;
  }

  /** Starts listening (once); questions asked before it is listening go to the database. */
  start(): Promise<void> {
    this.started ??= this.handle.notifications
      .listen(ADMISSION_CHANNEL, (payload) => this.apply(payload), {
        // While the listener is down a change would go unheard: answer from the database meanwhile.
        lost: () => {
          this.listening = false;
          this.reset();
        },
        restored: () => {
          this.reset();
          this.listening = true;
        },
      })
      .then((stop) => {
        this.stopListening = stop;
        this.listening = true;
      })
      .catch((error) => {
        console.error(
          "[admission] cannot listen for changes; answering from the database:",
          error instanceof Error ? error.message : error,
        );
      });
    return this.started;
  }

  /** The database this cache follows (for a first question asked outside any transaction). */
  database(): DbOrTx {
    return this.handle.prisma;
  }

  async close(): Promise<void> {
    this.listening = false;
    await this.stopListening?.();
    this.reset();
  }

  /**
   * Resolves once every change committed before this call has been applied here (a NOTIFY of our own
   * comes back after all earlier ones). For a writer that reads its own change right after on this
   * instance; PGlite needs no wait, but it costs nothing there either.
   */
  async settle(): Promise<void> {
    if (!this.listening || this.handle.kind === "embedded") return;
    const token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    const arrived = new Promise<void>((resolve) => {
      this.syncWaiters.set(token, resolve);
      setTimeout(() => {
        if (this.syncWaiters.delete(token)) resolve();
      }, 1_000).unref?.();
    });
    await this.handle.notifications.notify(ADMISSION_CHANNEL, JSON.stringify({ kind: "sync", token }));
    await arrived;
  }

  /** Follows the same notifications (see AdmissionChangeSubscriber); returns the unsubscribe. */
  subscribe(subscriber: AdmissionChangeSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  // -- API keys --------------------------------------------------------------------------------------

  async apiKey(keyHash: string): Promise<ServiceActor | null> {
    if (this.listening) {
      const good = this.goodKeys.get(keyHash);
      if (good) return good;
      if (this.unknownKeys.has(keyHash)) return null;
    }
    const generation = this.generation;
    const record = await this.handle.prisma.apiKey.findUnique({
      where: { keyHash },
      select: { id: true, tenantId: true, name: true, defaultAgentId: true, revokedAt: true },
    });
    const actor: ServiceActor | null =
      record && !record.revokedAt
        ? {
            kind: "service",
            tenantId: record.tenantId,
            apiKeyId: record.id,
            apiKeyName: record.name,
            defaultAgentId: record.defaultAgentId,
          }
        : null;
    if (actor) this.vouchedKeys.set(keyHash, true);
    if (this.listening && generation === this.generation) {
      if (actor) this.goodKeys.set(keyHash, actor);
      else this.unknownKeys.set(keyHash, null);
    }
    return actor;
  }

  /**
   * Whether `keyHash` is a good key this instance holds in memory now (a revoked one is forgotten at its change's
   * notification): for the request guard, which asks before any route runs and must not wait for the database.
   */
  holdsGoodApiKey(keyHash: string): boolean {
    return this.listening && this.goodKeys.has(keyHash);
  }

  /**
   * Whether this instance has seen `keyHash` authenticate, since it started — resets (a dropped listener) included,
   * revocations too: it is no answer to "is it good?" (apiKey() is), only to "is it worth a look-up?" when its
   * address is past the limit on failed keys (lib/auth/api-keys.ts) — so a good key is served from an address that
   * also sends bad ones. From memory.
   */
  vouchedApiKey(keyHash: string): boolean {
    return this.vouchedKeys.has(keyHash);
  }

  // -- Tenant settings -------------------------------------------------------------------------------

  async tenantSettings(tenantId: string): Promise<TenantIngestSettings> {
    const cached = this.listening ? this.tenants.get(tenantId) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const { campaigns, ...row } = await this.handle.prisma.tenant.findUniqueOrThrow({
      where: { id: tenantId },
      select: {
        defaultPhoneRegion: true,
        ...SPAM_DETECTION_SETTINGS,
        campaigns: { where: { kind: "ongoing", status: "active" }, select: { id: true }, take: 1 },
      },
    });
    const settings = { ...row, ongoingCampaigns: campaigns.length > 0 };
    if (this.listening && generation === this.generation) this.tenants.set(tenantId, settings);
    return settings;
  }

  // -- The widget page's tenant -----------------------------------------------------------------------

  /**
   * The tenant as the widget page (/widget?tenant=…) needs it, asked on every load: its CSP frame-ancestors (request
   * guard) and its title. From memory once read; a changed name or list of allowed origins applies when its change
   * is heard, as every tenant setting here. An unknown id is not remembered — a new tenant sends no notification —
   * so each costs a query, within the widget page's per-address limit (lib/widget/widget-limits.ts).
   */
  async widgetTenant(tenantId: string): Promise<WidgetTenant | null> {
    const cached = this.listening ? this.widgetTenants.get(tenantId) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const row = await this.handle.prisma.tenant.findUnique({
      where: { id: tenantId },
      select: { name: true, widgetAllowedOrigins: true },
    });
    if (!row) return null;
    const tenant: WidgetTenant = {
      name: row.name,
      allowedOrigins: row.widgetAllowedOrigins.length > 0 ? row.widgetAllowedOrigins : null,
    };
    if (this.listening && generation === this.generation) this.widgetTenants.set(tenantId, tenant);
    return tenant;
  }

  // -- Bans ------------------------------------------------------------------------------------------

  /**
   * The ban in force for any of `identifiers` on `channel` at `now`: from memory once the tenant's set
   * is loaded. Until then (the first question after a start or a reset) the answer is one query through
   * `db` — the caller's transaction, if it is in one: PGlite has a single connection, so a load on
   * another would wait for that transaction to end — and the set loads in the background.
   */
  async activeBan(
    db: DbOrTx,
    tenantId: string,
    channel: ChannelName,
    identifiers: string[],
    now: Date,
  ): Promise<{ id: string } | null> {
    const set = this.listening ? this.bans.get(tenantId) : undefined;
    let bans: Map<string, ActiveBan>;
    if (set?.state === "ready") bans = set.bans;
    else {
      if (this.listening && !set) void Promise.resolve(this.tenantBans(tenantId)).catch(() => {});
      bans = await loadBans(db, tenantId, { channel, identifiers });
    }
    for (const identifier of identifiers) {
      const ban = bans.get(banKey(channel, identifier));
      if (ban && (!ban.expiresAt || ban.expiresAt > now)) return { id: ban.id };
    }
    return null;
  }

  /** Loads the tenant's active bans now (a new instance warms up before it takes traffic; the bench). */
  async warmBans(tenantId: string): Promise<number> {
    if (!this.listening) return 0;
    return (await this.tenantBans(tenantId)).size;
  }

  private tenantBans(tenantId: string): Promise<Map<string, ActiveBan>> | Map<string, ActiveBan> {
    const set = this.bans.get(tenantId);
    if (set?.state === "ready") return set.bans;
    if (set) return set.ready;
    const loading: Extract<BanSet, { state: "loading" }> = {
      state: "loading",
      pending: [],
      ready: loadBans(this.handle.prisma, tenantId).then(
        (bans) => {
          // Changes committed while we loaded, in commit order, over what we loaded.
          if (this.bans.get(tenantId) !== loading) return bans;
          for (const change of loading.pending) applyBanChange(bans, change);
          this.bans.set(tenantId, { state: "ready", bans });
          return bans;
        },
        (error) => {
          if (this.bans.get(tenantId) === loading) this.bans.delete(tenantId);
          throw error;
        },
      ),
    };
    this.bans.set(tenantId, loading);
    return loading.ready;
  }

  // -- Live-chat blocks ------------------------------------------------------------------------------

  /**
   * The blocks of `contactId` or `conversationId` not lifted by anyone (expired ones included: the
   * caller compares times). From memory once the tenant's blocks are loaded; until then one query
   * through `db` (see activeBan) while they load in the background.
   */
  async liveChatBlocks(
    db: DbOrTx,
    tenantId: string,
    of: { contactId: string; conversationId: string },
  ): Promise<ActiveBlock[]> {
    const loaded = this.listening ? this.blocks.get(tenantId) : undefined;
    if (loaded?.done)
      return [...(loaded.byContact.get(of.contactId) ?? []), ...(loaded.byConversation.get(of.conversationId) ?? [])];
    if (this.listening && !loaded) this.loadTenantBlocks(tenantId);
    return loadBlocks(db, tenantId, { OR: [{ contactId: of.contactId }, { conversationId: of.conversationId }] });
  }

  private loadTenantBlocks(tenantId: string): void {
    const generation = this.generation;
    const entry: TenantBlocks = { done: false, byContact: new Map(), byConversation: new Map() };
    this.blocks.set(tenantId, entry);
    loadBlocks(this.handle.prisma, tenantId).then(
      (blocks) => {
        if (this.blocks.get(tenantId) !== entry) return;
        if (generation !== this.generation) this.blocks.delete(tenantId);
        else {
          for (const block of blocks) {
            const index = block.conversationId === null ? entry.byContact : entry.byConversation;
            const key = block.conversationId ?? block.contactId;
            index.set(key, [...(index.get(key) ?? []), block]);
          }
          entry.done = true;
        }
      },
      () => {
        if (this.blocks.get(tenantId) === entry) this.blocks.delete(tenantId);
      },
    );
  }

  // -- Changes ---------------------------------------------------------------------------------------

  private apply(payload: string): void {
    let change: Change;
    try {
      change = JSON.parse(payload) as Change;
    } catch {
      return;
    }
    if (change.kind === "sync") {
      this.syncWaiters.get(change.token)?.();
      this.syncWaiters.delete(change.token);
      return;
    }
    this.generation++;
    this.applyOwn(change);
    for (const subscriber of this.subscribers) subscriber.onChange(change);
  }

  private applyOwn(change: Exclude<Change, { kind: "sync" }>): void {
    switch (change.kind) {
      case "apiKey":
        this.goodKeys.delete(change.keyHash);
        this.unknownKeys.delete(change.keyHash);
        return;
      case "tenant":
        this.tenants.delete(change.tenantId);
        this.widgetTenants.delete(change.tenantId);
        return;
      case "blocks":
        this.blocks.delete(change.tenantId);
        return;
      case "bans":
        this.bans.delete(change.tenantId);
        return;
      case "ban": {
        const set = this.bans.get(change.tenantId);
        if (set?.state === "ready") applyBanChange(set.bans, change);
        else if (set) set.pending.push(change);
      }
    }
  }

  /** Notifications may have been missed: forget everything (the next questions reload it). */
  private reset(): void {
    this.generation++;
    this.goodKeys.clear();
    this.unknownKeys.clear();
    this.tenants.clear();
    this.widgetTenants.clear();
    this.bans.clear();
    this.blocks.clear();
    for (const subscriber of this.subscribers) subscriber.onReset();
  }
}

async function loadBans(
  db: DbOrTx,
  tenantId: string,
  only?: { channel: ChannelName; identifiers: string[] },
): Promise<Map<string, ActiveBan>> {
  // Expired bans keep their slot until someone deactivates them: they are loaded and compared by time.
  const rows = await db.ban.findMany({
    where: {
      tenantId,
      activeSlot: "active",
      ...(only ? { channel: only.channel, identifier: { in: only.identifiers } } : {}),
    },
    select: { id: true, channel: true, identifier: true, expiresAt: true },
  });
  return new Map(rows.map((row) => [banKey(row.channel, row.identifier), { id: row.id, expiresAt: row.expiresAt }]));
}

function loadBlocks(db: DbOrTx, tenantId: string, where: Prisma.LiveChatBlockWhereInput = {}): Promise<ActiveBlock[]> {
  return db.liveChatBlock.findMany({
    where: { tenantId, unblockedAt: null, ...where },
    select: { id: true, contactId: true, conversationId: true, blockedUntil: true },
  });
}

function applyBanChange(bans: Map<string, ActiveBan>, change: Extract<Change, { kind: "ban" }>): void {
  const key = banKey(change.channel, change.identifier);
  if (change.active) bans.set(key, { id: change.id, expiresAt: change.expiresAt ? new Date(change.expiresAt) : null });
  // Only this ban's slot is freed: a newer ban on the same identifier may already hold it.
  else if (bans.get(key)?.id === change.id) bans.delete(key);
}

// Shared through globalThis: server.ts and the Next route bundle each load this module, and one
// process should hold one cache (one listener) per database.
const shared = globalThis as typeof globalThis & { __bouncerAdmissionCaches?: WeakMap<DatabaseHandle, AdmissionCache> };
shared.__bouncerAdmissionCaches ??= new WeakMap<DatabaseHandle, AdmissionCache>();
const caches = shared.__bouncerAdmissionCaches;

/** This process's admission cache (of this process's database). */
export async function admissionCache(): Promise<AdmissionCache> {
  return admissionCacheOf(await database());
}

/**
 * For a use case that changed a ban, key or block: returns once this instance's cache has heard of it,
 * so the caller's next request here sees the change (other instances hear of it within milliseconds).
 */
export async function settleAdmissionChanges(): Promise<void> {
  await (await admissionCache()).settle();
}

/** Stops and forgets this database's admission cache (its LISTEN connection), before the database closes. */
export async function closeAdmissionCacheOf(handle: DatabaseHandle): Promise<void> {
  const cache = caches.get(handle);
  caches.delete(handle);
  await cache?.close();
}

/** This database's admission cache in this process (listening from the first call). */
export async function admissionCacheOf(handle: DatabaseHandle): Promise<AdmissionCache> {
  let cache = caches.get(handle);
  if (!cache) {
    cache = new AdmissionCache(handle);
    caches.set(handle, cache);
  }
  if (!cache.isStarted) await cache.start();
  return cache;
}
