// Spam detection from memory: what ingest's score step asks for every message — the Allow/Deny status of
// the spam strings in it, and whether the tenant's classifier has a newer version — is answered from
// this instance's memory, like admission (lib/admission/admission-cache.ts), and followed through the
// same LISTEN: triggers on SpamListEntry and ClassifierModel.seq (migration
// 20261205023000_spam_detection_change_notifications) notify on the admission channel in the writing
// transaction, so every instance hears of a change right after its commit, whoever made it (PGlite:
// in-process, synchronously with the commit). A list change makes the tenant's lists load again on
// their next use (one statement); a new classifier version is read on the next score.
//
// While the listener is down (or before it started) nothing is answered from memory here: the list
// status is read per message and the classifier re-checks its version every 500 ms, as before.
import "server-only";
import { database, type Db } from "@/lib/db";
import { admissionCacheOf, settleAdmissionChanges, type AdmissionCache } from "@/lib/admission/admission-cache";
import { classifierCache, type ClassifierCache } from "@/lib/classifier";
import { listStatusOf, type ListStatus } from "./classifier-inputs";

/** A tenant whose lists hold more entries than this is asked per message (memory stays bounded). */
export const MAX_CACHED_LIST_ENTRIES = 20_000;
/** Tenants whose lists are kept, and their entries in all (least recently loaded dropped first). */
const MAX_CACHED_TENANTS = 1_000;
const MAX_CACHED_ENTRIES_IN_ALL = 200_000;

interface TenantLists {
  ready: Promise<ListStatus | null>;
  /** Set once loaded, unless a change arrived meanwhile; null: too many entries to keep. */
  status?: ListStatus | null;
}

/** Each tenant's Allow/Deny entries on one instance, loaded on first use and dropped on every change. */
export class SpamListStatusCache {
  private readonly tenants = new Map<string, TenantLists>();
  /** Entries held by the tenants loaded. */
  private held = 0;

  constructor(
    private readonly db: Db,
    /** Whether changes are being heard now: otherwise nothing is answered from memory. */
    private readonly isLive: () => boolean,
  ) {}

  /** Every entry of the tenant's lists, from memory once loaded; null: ask the database for the strings at hand. */
  async of(tenantId: string): Promise<ListStatus | null> {
    if (!this.isLive()) return null;
    const known = this.tenants.get(tenantId);
    if (known) return known.status !== undefined ? known.status : known.ready;
    const loading: TenantLists = {
      ready: this.db.spamListEntry
        .findMany({
          where: { tenantId },
          select: { list: true, kind: true, value: true },
          take: MAX_CACHED_LIST_ENTRIES + 1,
        })
        .then(
          (rows) => {
            const status = rows.length > MAX_CACHED_LIST_ENTRIES ? null : listStatusOf(rows);
            // A change heard while loading dropped this entry: the rows may predate it, so they are not kept.
            if (this.tenants.get(tenantId) === loading) {
              loading.status = status;
              this.held += status?.size ?? 0;
              this.evictOldest(tenantId);
            }
            return status;
          },
          (error: unknown) => {
            if (this.tenants.get(tenantId) === loading) this.forget(tenantId);
            throw error;
          },
        ),
    };
    this.tenants.set(tenantId, loading);
    this.evictOldest(tenantId);
    return loading.ready;
  }

  /** The tenant's lists changed: the next use loads them again. */
  forget(tenantId: string): void {
    this.held -= this.tenants.get(tenantId)?.status?.size ?? 0;
    this.tenants.delete(tenantId);
  }

  clear(): void {
    this.tenants.clear();
    this.held = 0;
  }

  /** Drops the least recently loaded tenants (never `keep`) while over the bounds. */
  private evictOldest(keep: string): void {
    for (const tenantId of this.tenants.keys()) {
      if (this.tenants.size <= MAX_CACHED_TENANTS && this.held <= MAX_CACHED_ENTRIES_IN_ALL) return;
      if (tenantId !== keep) this.forget(tenantId);
    }
  }
}

export interface SpamDetectionCaches {
  lists: SpamListStatusCache;
  classifier: ClassifierCache;
}

/**
 * Makes `classifier` and a new list-status cache follow the changes `admission` hears (one instance's
 * caches: the process's below, or a simulated instance in tests).
 */
export function followSpamDetectionChanges(
  admission: AdmissionCache,
  db: Db,
  classifier: ClassifierCache,
): SpamDetectionCaches {
  const isLive = () => admission.isStarted;
  const lists = new SpamListStatusCache(db, isLive);
  admission.subscribe({
    onChange: (change) => {
      const tenantId = typeof change.tenantId === "string" ? change.tenantId : null;
      if (tenantId === null) return;
      if (change.kind === "spamLists") lists.forget(tenantId);
      else if (change.kind === "classifier")
        classifier.invalidate(tenantId, typeof change.seq === "number" ? change.seq : undefined);
    },
    onReset: () => {
      lists.clear();
      classifier.invalidateAll();
    },
  });
  classifier.follow(db, isLive);
  return { lists, classifier };
}

// One set per admission cache (a closed one is replaced by a new one: followed anew). Shared through
// globalThis like the admission cache: server.ts and the Next route bundle each load this module.
const shared = globalThis as typeof globalThis & {
  __bouncerSpamDetectionCaches?: WeakMap<AdmissionCache, SpamDetectionCaches>;
};
shared.__bouncerSpamDetectionCaches ??= new WeakMap<AdmissionCache, SpamDetectionCaches>();
const followed = shared.__bouncerSpamDetectionCaches;

/** This process's spam-detection caches when `db` is this process's database; null otherwise (ask the database). */
export async function spamDetectionCachesOf(db: Db): Promise<SpamDetectionCaches | null> {
  const handle = await database();
  if (handle.prisma !== db) return null;
  const admission = await admissionCacheOf(handle);
  let caches = followed.get(admission);
  if (!caches) {
    caches = followSpamDetectionChanges(admission, db, classifierCache());
    followed.set(admission, caches);
  }
  return caches;
}

/**
 * For a use case that changed a tenant's lists: returns once this instance has heard of it, so the
 * caller's next message here is scored with the change (other instances hear of it within milliseconds).
 */
export async function settleSpamDetectionChanges(): Promise<void> {
  await settleAdmissionChanges();
}
