// A tenant's classifier, kept in the database and cached per process. (Over 300 lines: storage, the
// per-process cache and teaching share the Entry and the seq invariants below; kept together on purpose.)
//
// What is stored: the labels the team taught, in order (ClassifierLabel.seq 1, 2, 3…), and from time to
// time a snapshot of the model they produced (ClassifierModel.snapshot: the coordinates the labels
// changed, ~12 bytes each). A model is the default model, plus the snapshot, plus the labels after it
// applied in seq order — the same on every instance, bit for bit.
//
// Concurrency: teaching appends labels in one transaction that first bumps ClassifierModel.seq (an
// INSERT … ON CONFLICT DO UPDATE, which locks the tenant's row until commit). Two instances teaching
// at once therefore get consecutive, gap-free seq ranges and commit in seq order; neither update is
// lost, and a reader that sees seq = N sees every label up to N.
//
// Freshness: each process caches the model of the tenants it scores. A cache that follows the
// database's change notifications (follow(); lib/spam-detection/detection-caches.ts wires the process's
// cache to the admission cache's LISTEN, and a trigger on ClassifierModel.seq notifies) is told of a new
// version at once and re-checks otherwise only every FOLLOWED_MAX_STALENESS_MS — a message pays no
// version check. A cache that does not follow (or whose listener is down) checks the version (one
// primary-key read of ClassifierModel.seq) when its copy is older than maxStalenessMs (500 ms by
// default). Either way a newer version fetches only the labels it lacks, so a label taught anywhere
// changes the scores of every instance within a second (and at once on the instance that taught it).
import "server-only";
import { z } from "zod";
import type { Db, DbOrTx } from "@/lib/db";
import { InvalidInput } from "@/lib/errors";
import { ClassifierLabelSource } from "@/lib/generated/prisma/enums";
import {
  DEFAULT_FEATURE_OPTIONS,
  FEATURE_VERSION,
  classifierInputSchema,
  extractFeatures,
  type ClassifierInput,
} from "./features";
import { OverlayModel, type DenseModel, type LinearModel } from "./model";
import { decodeFeatures, decodeSnapshot, encodeFeatures, encodeSnapshot } from "./encoding";
import { defaultModel } from "./default-model";
import { scoreBothWays, scoreInput, type ScoreBothWays, type ScoreOptions, type SpamScore } from "./reasons";
import { confusionAt, figuresOf } from "./evaluation";

/** A process re-reads a tenant's version when its copy is older than this. */
export const DEFAULT_MAX_STALENESS_MS = 500;
/** A cache told of every new version still re-reads a tenant's version this often (in case). */
export const FOLLOWED_MAX_STALENESS_MS = 30_000;
/** A snapshot is written once this many labels were taught since the last one. */
export const SNAPSHOT_EVERY = 32;
/** Labels one call may teach (a spammer with thousands of messages teaches their newest few hundred). */
export const MAX_LABELS_PER_CALL = 500;

/** Step weight of each source when the caller gives none: the weaker the signal, the smaller the step. */
export const LABEL_SOURCE_DEFAULTS: Record<ClassifierLabelSource, { spam: boolean | null; weight: number }> = {
  mark_spam: { spam: true, weight: 1 },
  unmark_spam: { spam: false, weight: 1 },
  dismiss_suspicion: { spam: false, weight: 1 },
  deny_string: { spam: true, weight: 0.3 },
  ban_sender: { spam: true, weight: 0.5 },
  agent_reply: { spam: false, weight: 0.3 },
  manual: { spam: null, weight: 1 },
};

export const classifierLabelSchema = z
  .object({
    input: classifierInputSchema,
    source: z.enum(ClassifierLabelSource),
    /** Spam (true) or not (false); implied by every source but `manual`, and must agree with it. */
    spam: z.boolean().optional(),
    /** Step weight in (0, 1]; the source's default when left out. */
    weight: z.number().gt(0).max(1).optional(),
    messageId: z.string().min(1).max(100).optional(),
  })
  .superRefine((label, ctx) => {
    const implied = LABEL_SOURCE_DEFAULTS[label.source].spam;
    if (implied === null && label.spam === undefined)
      ctx.addIssue({ code: "custom", path: ["spam"], message: "say whether a manual label is spam" });
    if (implied !== null && label.spam !== undefined && label.spam !== implied) {
      ctx.addIssue({
        code: "custom",
        path: ["spam"],
        message: `a ${label.source} label is ${implied ? "spam" : "not spam"}`,
      });
    }
  });

export type ClassifierLabelInput = z.input<typeof classifierLabelSchema>;

/** A tenant's model as this process holds it. Scoring is synchronous and cheap. */
export interface TenantClassifier {
  tenantId: string;
  /** Labels applied (ClassifierModel.seq): equal versions, identical models. */
  version: number;
  model: LinearModel;
  score(input: ClassifierInput, options?: ScoreOptions): SpamScore;
  /** The input scored as a new contact's first message and as a known contact's (one extraction). */
  scoreBothWays(input: ClassifierInput, options?: ScoreOptions): ScoreBothWays;
}

interface Entry {
  tenantId: string;
  model: OverlayModel;
  seq: number;
  /** The version and snapshot point last read from the database. */
  snapshotSeq: number;
  checkedAt: number;
  /** Bumped by every invalidation: a load that began before one does not count as a check. */
  invalidations: number;
  pending?: Promise<void>;
}

export interface ClassifierCacheOptions {
  maxStalenessMs?: number;
  /** Tenants kept (least recently used dropped first). */
  maxTenants?: number;
  /** The model tenants start from (default: the SMS-corpus default model). */
  base?: () => DenseModel;
}

/** One process's copies of tenant models. Tests make one per simulated instance. */
export class ClassifierCache {
  private readonly entries = new Map<string, Entry>();
  readonly maxStalenessMs: number;
  private readonly maxTenants: number;
  private readonly base: () => DenseModel;
  /** Databases whose changes this cache is told of, with whether that feed is live now. */
  private readonly followed = new WeakMap<Db, () => boolean>();

  constructor(options: ClassifierCacheOptions = {}) {
    this.maxStalenessMs = options.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS;
    this.maxTenants = options.maxTenants ?? 1000;
    this.base = options.base ?? (() => defaultModel().model);
  }

  /** The tenant's model, re-checked against the database when this copy is older than maxStalenessMs. */
  async get(db: Db, tenantId: string): Promise<TenantClassifier> {
    let entry = this.entries.get(tenantId);
    if (!entry) {
      entry = {
        tenantId,
        model: new OverlayModel(this.base()),
        seq: 0,
        snapshotSeq: 0,
        checkedAt: -Infinity,
        invalidations: 0,
      };
      this.remember(entry);
      if (this.entries.size > this.maxTenants) this.entries.delete(this.entries.keys().next().value!);
    } else {
      // Least recently used first: re-insert at the end.
      this.entries.delete(tenantId);
      this.entries.set(tenantId, entry);
    }
    const maxStalenessMs = this.followed.get(db)?.() ? FOLLOWED_MAX_STALENESS_MS : this.maxStalenessMs;
    if (performance.now() - entry.checkedAt > maxStalenessMs) await this.refresh(db, entry);
    return this.view(entry);
  }

  /**
   * From now on this cache is told of every new version of `db`'s tenants (invalidate()) while `isLive()`
   * says the feed is up, and relies on that instead of re-checking every maxStalenessMs.
   */
  follow(db: Db, isLive: () => boolean): void {
    this.followed.set(db, isLive);
  }

  /** Re-reads the tenant's version now (after teaching, or when told of a change). */
  async refreshNow(db: Db, tenantId: string): Promise<TenantClassifier> {
    const entry = this.entries.get(tenantId);
    if (!entry) return this.get(db, tenantId);
    // A refresh already under way may have read the version before the change: wait for it, then
    // read again (joining only a refresh that starts after this point).
    if (entry.pending) await entry.pending.catch(() => undefined);
    await this.refresh(db, entry);
    return this.view(entry);
  }

  /**
   * The tenant's version changed (to `seq`, when known): the next get() re-checks it. Nothing to do when
   * this copy is already at `seq` (the instance that taught it).
   */
  invalidate(tenantId: string, seq?: number): void {
    const entry = this.entries.get(tenantId);
    if (!entry || (seq !== undefined && entry.seq === seq && !entry.pending)) return;
    entry.checkedAt = -Infinity;
    entry.invalidations++;
  }

  /** Changes may have been missed (the feed reconnected): every copy is re-checked on its next use. */
  invalidateAll(): void {
    for (const tenantId of this.entries.keys()) this.invalidate(tenantId);
  }

  clear(): void {
    this.entries.clear();
  }

  private remember(entry: Entry): void {
    this.entries.set(entry.tenantId, entry);
  }

  private view(entry: Entry): TenantClassifier {
    const model = entry.model;
    return {
      tenantId: entry.tenantId,
      version: entry.seq,
      model,
      score: (input, options) => scoreInput(model, input, options),
      scoreBothWays: (input, options) => scoreBothWays(model, input, options),
    };
  }

  /** One refresh at a time per tenant; callers arriving meanwhile wait for it. */
  private refresh(db: Db, entry: Entry): Promise<void> {
    entry.pending ??= this.load(db, entry).finally(() => {
      entry.pending = undefined;
    });
    return entry.pending;
  }

  private async load(db: Db, entry: Entry): Promise<void> {
    const started = performance.now();
    const invalidations = entry.invalidations;
    // A change announced while this load ran may not be in what it read: not a check, then.
    const checked = () => {
      if (entry.invalidations === invalidations) entry.checkedAt = started;
    };
    const row = await db.classifierModel.findUnique({
      where: { tenantId: entry.tenantId },
      select: { seq: true, snapshotSeq: true },
    });
    if (!row) {
      // Nothing taught (or the tenant's state was removed): the default model.
      if (entry.seq !== 0) Object.assign(entry, { model: new OverlayModel(this.base()), seq: 0, snapshotSeq: 0 });
      checked();
      return;
    }
    // Behind the database (or ahead of it: a restored backup) — catch up, from the snapshot if needed.
    if (row.seq < entry.seq) await this.loadSnapshot(db, entry);
    if (row.seq !== entry.seq || row.snapshotSeq > entry.seq) await this.catchUp(db, entry, row.snapshotSeq);
    checked();
    if (entry.seq - Math.max(row.snapshotSeq, entry.snapshotSeq) >= SNAPSHOT_EVERY) await writeSnapshot(db, entry);
  }

  /** Brings the entry up to the newest label: from the snapshot when it lacks labels the snapshot covers. */
  private async catchUp(db: DbOrTx, entry: Entry, snapshotSeq: number): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (entry.seq < snapshotSeq || attempt > 0) await this.loadSnapshot(db, entry);
      const tail = await db.classifierLabel.findMany({
        where: { tenantId: entry.tenantId, seq: { gt: entry.seq } },
        orderBy: { seq: "asc" },
        select: { seq: true, spam: true, weight: true, featureVersion: true, features: true },
      });
      let complete = true;
      for (const label of tail) {
        if (label.featureVersion !== FEATURE_VERSION) {
          // Learned in another feature layout: not comparable, skipped.
          entry.seq = label.seq;
          continue;
        }
        if (!label.features) {
          // A snapshot now covers it (written after our first read): start again from the snapshot.
          complete = false;
          break;
        }
        entry.model.learn(decodeFeatures(label.features, entry.model.bits), label.spam ? 1 : 0, label.weight);
        entry.seq = label.seq;
      }
      if (complete) return;
    }
    throw new Error(`spam classifier of tenant ${entry.tenantId}: the snapshot kept moving while loading`);
  }

  private async loadSnapshot(db: DbOrTx, entry: Entry): Promise<void> {
    const row = await db.classifierModel.findUnique({
      where: { tenantId: entry.tenantId },
      select: { snapshot: true, snapshotSeq: true, featureVersion: true },
    });
    const base = this.base();
    if (row?.snapshot && row.featureVersion === FEATURE_VERSION) {
      const state = decodeSnapshot(row.snapshot);
      if (state.bits !== base.bits)
        throw new Error(
          `spam classifier snapshot of tenant ${entry.tenantId} has ${state.bits} bits, the model ${base.bits}`,
        );
      entry.model = OverlayModel.fromState(base, state);
      entry.seq = row.snapshotSeq;
      entry.snapshotSeq = row.snapshotSeq;
    } else {
      // No snapshot in this feature layout: the default model, then every label of this layout.
      entry.model = new OverlayModel(base);
      entry.seq = 0;
      entry.snapshotSeq = 0;
    }
  }
}

/**
 * Saves the entry's model as the tenant's snapshot, unless a newer one is there, and drops the
 * features of the labels it covers (their rows stay: source, weight, scoreBefore).
 */
async function writeSnapshot(db: Db, entry: Entry): Promise<void> {
  const seq = entry.seq;
  const state = entry.model.exportState();
  const snapshot = encodeSnapshot({ featureVersion: FEATURE_VERSION, bits: entry.model.bits, ...state });
  await db.$transaction(async (tx) => {
    const { count } = await tx.classifierModel.updateMany({
      where: {
        tenantId: entry.tenantId,
        OR: [
          { featureVersion: { lt: FEATURE_VERSION } },
          { featureVersion: FEATURE_VERSION, snapshotSeq: { lt: seq } },
        ],
      },
      data: { snapshot, snapshotSeq: seq, featureVersion: FEATURE_VERSION, updatedAt: new Date() },
    });
    if (count) {
      await tx.classifierLabel.updateMany({
        where: {
          tenantId: entry.tenantId,
          seq: { lte: seq },
          featureVersion: FEATURE_VERSION,
          NOT: { features: null },
        },
        data: { features: null },
      });
    }
  });
  entry.snapshotSeq = seq;
}

const shared = globalThis as typeof globalThis & { __bouncerClassifierCache?: ClassifierCache };

/** This process's cache (shared by server.ts and the Next.js bundle). */
export function classifierCache(): ClassifierCache {
  shared.__bouncerClassifierCache ??= new ClassifierCache();
  return shared.__bouncerClassifierCache;
}

export interface TenantOptions {
  db: Db;
  tenantId: string;
  /** Another process's cache (tests simulating instances); this process's by default. */
  cache?: ClassifierCache;
}

/** The tenant's classifier, current within maxStalenessMs. */
export function loadTenantClassifier({ db, tenantId, cache }: TenantOptions): Promise<TenantClassifier> {
  return (cache ?? classifierCache()).get(db, tenantId);
}

/** Scores one message for a tenant: probability of spam and its reasons. */
export async function scoreMessage({
  input,
  options,
  ...tenant
}: TenantOptions & { input: ClassifierInput; options?: ScoreOptions }): Promise<SpamScore & { version: number }> {
  const classifier = await loadTenantClassifier(tenant);
  return { ...classifier.score(input, options), version: classifier.version };
}

/** Forgets this process's copy of a tenant's model (a change announced by another instance). */
export function invalidateTenantClassifier(tenantId: string, cache = classifierCache()): void {
  cache.invalidate(tenantId);
}

export interface LearnResult {
  /** The tenant's version after these labels (their seqs end at it). */
  version: number;
  learned: number;
  /** Each label's probability of spam just before it was taught. */
  scoresBefore: number[];
}

/**
 * Teaches a tenant's classifier labelled messages (marks, un-marks, dismissals, weaker signals). The
 * caller has authorized the action that teaches (marking a user, denying a string…). Every instance
 * applies them within maxStalenessMs; this one at once.
 */
export async function learnFromLabels({
  db,
  tenantId,
  labels,
  cache,
}: TenantOptions & { labels: ClassifierLabelInput[] }): Promise<LearnResult> {
  const parsed = z.array(classifierLabelSchema).min(1).max(MAX_LABELS_PER_CALL).safeParse(labels);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error, "classifier labels");
  const instance = cache ?? classifierCache();
  const classifier = await instance.get(db, tenantId);
  const rows = parsed.data.map((label) => {
    const vector = extractFeatures(label.input, DEFAULT_FEATURE_OPTIONS);
    const defaults = LABEL_SOURCE_DEFAULTS[label.source];
    return {
      spam: label.spam ?? defaults.spam!,
      weight: label.weight ?? defaults.weight,
      source: label.source,
      messageId: label.messageId ?? null,
      scoreBefore: classifier.model.score(vector),
      featureVersion: FEATURE_VERSION,
      features: encodeFeatures(vector),
    };
  });
  const spamCount = rows.filter((r) => r.spam).length;
  const version = await db.$transaction(async (tx) => {
    // Takes the tenant's row lock until commit: concurrent teachers queue here, so seqs are
    // consecutive and committed in order.
    const [row] = await tx.$queryRaw<Array<{ seq: number }>>`
      INSERT INTO "ClassifierModel" ("tenantId", "featureVersion", "seq", "spamLabels", "hamLabels", "updatedAt")
      VALUES (${tenantId}, ${FEATURE_VERSION}, ${rows.length}, ${spamCount}, ${rows.length - spamCount}, now())
      ON CONFLICT ("tenantId") DO UPDATE SET
        "seq" = "ClassifierModel"."seq" + EXCLUDED."seq",
        "spamLabels" = "ClassifierModel"."spamLabels" + EXCLUDED."spamLabels",
        "hamLabels" = "ClassifierModel"."hamLabels" + EXCLUDED."hamLabels",
        "updatedAt" = now()
      RETURNING "seq"`;
    const last = Number(row!.seq);
    const first = last - rows.length + 1;
    await tx.classifierLabel.createMany({ data: rows.map((r, i) => ({ ...r, tenantId, seq: first + i })) });
    return last;
  });
  await instance.refreshNow(db, tenantId);
  return { version, learned: rows.length, scoresBefore: rows.map((r) => r.scoreBefore) };
}

export interface LabelledPerformance {
  /** Labels with full weight (an agent's own decision) that the measure is computed on. */
  labels: number;
  spam: number;
  ham: number;
  /**
   * At each threshold: of what scored at or above it, the share that was spam (precision), and the share of spam that
   * did (recall).
   */
  thresholds: Array<{ threshold: number; precision: number | null; recall: number | null; blockedHam: number | null }>;
}

/**
 * How the tenant's model did on the tenant's own labelled messages, each scored just before it was
 * learned — an honest measure of what a threshold would have caught and wrongly held. Weaker signals
 * (weight < 1) are left out: they are not an agent's verdict on the message.
 */
export async function measureOnTenantLabels({
  db,
  tenantId,
  thresholds,
  last = 2000,
}: {
  db: DbOrTx;
  tenantId: string;
  thresholds: number[] /** The newest labels measured (at most 10,000). */;
  last?: number;
}): Promise<LabelledPerformance> {
  const rows = await db.classifierLabel.findMany({
    where: { tenantId, weight: { gte: 1 } },
    orderBy: { seq: "desc" },
    take: Math.max(1, Math.min(Math.floor(last), 10_000)),
    select: { spam: true, scoreBefore: true },
  });
  const scores = rows.map((r) => r.scoreBefore);
  const labels = rows.map((r) => (r.spam ? 1 : 0) as 0 | 1);
  const spam = labels.filter((l) => l === 1).length;
  return {
    labels: rows.length,
    spam,
    ham: rows.length - spam,
    thresholds: thresholds.map((threshold) => {
      const c = confusionAt(scores, labels, threshold);
      const f = figuresOf(c);
      return {
        threshold,
        precision: c.tp + c.fp ? f.precision : null,
        recall: c.tp + c.fn ? f.spamCaught : null,
        blockedHam: c.fp + c.tn ? f.blockedHam : null,
      };
    }),
  };
}
