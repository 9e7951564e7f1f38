// Spam detection from memory (lib/spam-detection/detection-caches.ts): each instance keeps the tenant's
// Allow/Deny list status and its classifier's version in memory and hears of changes through the
// admission cache's LISTEN (triggers on SpamListEntry and ClassifierModel). Two instances' caches on one
// database — each with its own listener — apply a list change and a label within a second, and a warm
// look-up reads nothing. The spam strings ingest's score step found go to the Spam Manager's job with the
// event, so the text is extracted once. Real database (PGlite, or PostgreSQL with DATABASE_URL).
import { afterAll, describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import { AdmissionCache, settleAdmissionChanges } from "@/lib/admission/admission-cache";
import { ClassifierCache, learnFromLabels } from "@/lib/classifier/tenant-classifier";
import type { Db } from "@/lib/db";
import { decodeEvent, domainEvent, toEventJson } from "@/lib/events/event-map";
import { LISTENERS } from "@/lib/events/listeners";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { messageSpamStrings } from "@/lib/spam-manager/conventions";
import { addListEntry, deleteListEntry } from "@/lib/spam-manager/spam-lists";
import { followSpamDetectionChanges } from "@/lib/spam-detection/detection-caches";
import { scoreIncomingMessage } from "@/lib/spam-detection/score-incoming-message";
import { within } from "../helpers/within";

// Counts extractions; everything else in the module is the real one.
vi.mock(import("@/lib/spam-manager/conventions"), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, messageSpamStrings: vi.fn(original.messageSpamStrings) };
});

const TEXT = "Thanks, the meeting notes are on shop-deals-now.com, see you tomorrow";
const SETTINGS = { spamDetectionMode: "scores" as const, spamSuspectThreshold: 0.9 };

/** A Prisma client that counts the statements each model runs (the caches are given it as their database). */
function countingDb(db: Db) {
  const counts = new Map<string, number>();
  const proxy = new Proxy(db, {
    get(target, property, receiver) {
      const model = Reflect.get(target, property, receiver);
      if (property !== "spamListEntry" && property !== "classifierModel") return model;
      return new Proxy(model, {
        get(modelTarget, method, modelReceiver) {
          const fn = Reflect.get(modelTarget, method, modelReceiver);
          if (typeof fn !== "function") return fn;
          return (...args: unknown[]) => {
            counts.set(String(property), (counts.get(String(property)) ?? 0) + 1);
            return fn.apply(modelTarget, args);
          };
        },
      });
    },
  });
  return { db: proxy, reads: (model: "spamListEntry" | "classifierModel") => counts.get(model) ?? 0 };
}

describe("spam detection caches across two instances", () => {
  const admissions: AdmissionCache[] = [];
  afterAll(async () => {
    for (const admission of admissions) await admission.close();
  });
  async function instance(options: { maxStalenessMs?: number } = {}) {
    const admission = new AdmissionCache(testDatabase());
    admissions.push(admission);
    await admission.start();
    const counting = countingDb(testDatabase().prisma);
    const caches = followSpamDetectionChanges(admission, counting.db, new ClassifierCache(options));
    const score = async (tenantId: string, text: string) =>
      (await scoreIncomingMessage(counting.db, {
        tenantId,
        region: "US",
        text,
        settings: SETTINGS,
        cache: caches.classifier,
        lists: caches.lists,
      }))!.asKnownContact;
    return { ...caches, ...counting, score };
  }

  it("a denied/allowed string applies to the next score on all instances in 1 s; warm look-ups read none", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const tenantId = team.tenant.id;
    const [a, b] = [await instance(), await instance()];
    // The corpus has no lists, so the default model gives "a denied domain" no weight: the team teaches it.
    await learnFromLabels({
      db,
      tenantId,
      cache: a.classifier,
      labels: Array.from({ length: 30 }, (_, i) => ({
        input: {
          text: `offer ${i}`,
          spamStrings: [{ kind: "domain" as const, value: `x${i}.com`, list: "deny" as const }],
        },
        source: "mark_spam" as const,
      })),
    });
    await within(1_000, async () => (await b.classifier.get(b.db, tenantId)).version === 30);
    const denied = (score: { reasons: Array<{ text: string }> }) =>
      score.reasons.some((reason) => reason.text === "contains a denied domain");
    expect(denied(await a.score(tenantId, TEXT))).toBe(false);
    for (const node of [a, b]) {
      await node.score(tenantId, TEXT);
      const reads = node.reads("spamListEntry");
      for (let i = 0; i < 20; i++) await node.score(tenantId, TEXT);
      expect(node.reads("spamListEntry")).toBe(reads);
    }

    const { entry } = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "domain", value: "shop-deals-now.com" },
    });
    for (const node of [a, b]) {
      const seen = await within(1_000, async () => denied(await node.score(tenantId, TEXT)));
      expect(seen).toBeLessThan(1_000);
    }

    await deleteListEntry({ db, actor: team.supervisor.actor, entryId: entry.id });
    for (const node of [a, b])
      expect(await within(1_000, async () => !denied(await node.score(tenantId, TEXT)))).toBeLessThan(1_000);
  });

  it("a label taught on one instance changes the next score on another at once, no per-message check", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const tenantId = team.tenant.id;
    // B would otherwise re-check only every minute: only the notification can bring the label in time.
    const [a, b] = [await instance(), await instance({ maxStalenessMs: 60_000 })];
    const crypto = "Dear friend, add my whatsapp to double your bitcoin quickly, coinmax dot top";
    const before = await b.score(tenantId, crypto);
    const checks = b.reads("classifierModel");
    for (let i = 0; i < 20; i++) await b.score(tenantId, crypto);
    expect(b.reads("classifierModel")).toBe(checks);

    await learnFromLabels({
      db,
      tenantId,
      cache: a.classifier,
      labels: [{ input: { text: crypto }, source: "mark_spam" }],
    });
    expect(await within(1_000, async () => (await b.classifier.get(b.db, tenantId)).version === 1)).toBeLessThan(1_000);
    const after = await b.score(tenantId, crypto);
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.score).toBe((await a.score(tenantId, crypto)).score);
  });
});

describe("spam strings extracted once", () => {
  it("ingest hands the strings it scored with to the Spam Manager's job: recorded, not re-extracted", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const extract = vi.mocked(messageSpamStrings);
    extract.mockClear();
    await receiveMessage(db, team.service, { from: "+15550170911", text: "cheap pills at http://prizes.com/buy" });
    await whenEventsIdle();
    expect(extract).toHaveBeenCalledTimes(1);
    const recorded = await db.spamString.findMany({
      where: { tenantId: team.tenant.id },
      select: { kind: true, value: true },
      orderBy: { kind: "asc" },
    });
    expect(recorded).toEqual([
      { kind: "domain", value: "prizes.com" },
      { kind: "url", value: "prizes.com/buy" },
    ]);

    // Detection off: nothing scored, so the job extracts (once).
    await db.tenant.update({ where: { id: team.tenant.id }, data: { spamDetectionMode: "off" } });
    await settleAdmissionChanges(); // ingest reads the mode from the admission cache
    extract.mockClear();
    const unscored = await receiveMessage(db, team.service, {
      from: "+15550170912",
      text: "see http://other-shop.net/x",
    });
    await whenEventsIdle();
    expect((await db.message.findUniqueOrThrow({ where: { id: unscored.messageId } })).spamScore).toBeNull();
    expect(extract).toHaveBeenCalledTimes(1);
    expect(await db.spamString.count({ where: { tenantId: team.tenant.id, value: "other-shop.net" } })).toBe(1);
  });

  it("the job takes the strings from the event as the durable queue stores it; extracts if it has none", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const first = await receiveMessage(db, team.service, { from: "+15550170921", text: "hello" });
    await whenEventsIdle();
    const job = LISTENERS.find((listener) => listener.name === "spam-manager.record-strings-and-run-rules")!;
    const message = await db.message.findUniqueOrThrow({ where: { id: first.messageId } });
    const event = (text: string, spamStrings?: ReturnType<typeof messageSpamStrings>) =>
      domainEvent("message.received", {
        tenantId: team.tenant.id,
        admitted: true,
        conversation: { id: first.conversationId } as never,
        previous: null,
        message: { id: message.id, body: text, createdAt: message.createdAt } as never,
        contactId: first.contactId,
        channel: "whatsapp",
        region: "US",
        ...(spamStrings ? { spamStrings } : {}),
      });
    const carried = messageSpamStrings("write to carried-offers.net", "US");
    // Through JSON, as graphile-worker keeps it: the carried strings are recorded, the text is not read.
    await job.handle(decodeEvent(JSON.parse(toEventJson(event("hello", carried)))) as never, { db });
    // An event queued before strings were carried (or from the cheap lane): extracted from the text.
    await job.handle(decodeEvent(JSON.parse(toEventJson(event("visit legacy-offers.org")))) as never, {
      db,
    });
    const values = (
      await db.spamString.findMany({ where: { tenantId: team.tenant.id, kind: "domain" }, select: { value: true } })
    ).map((s) => s.value);
    expect(values.sort()).toEqual(["carried-offers.net", "legacy-offers.org"]);
  });
});
