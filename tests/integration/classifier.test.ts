// The spam classifier's persistence on a real database (PGlite, or PostgreSQL with DATABASE_URL):
// learning changes the next score, state survives a restart, instances agree, concurrent teachers
// lose nothing. Each ClassifierCache stands for one app instance (its process-local copies of the
// tenant models); they share the database, as instances do.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTenant } from "../factories";
import {
  ClassifierCache,
  SNAPSHOT_EVERY,
  learnFromLabels,
  measureOnTenantLabels,
  scoreMessage,
} from "@/lib/classifier/tenant-classifier";
import { FEATURE_VERSION, type ClassifierInput } from "@/lib/classifier/features";
import { defaultModel } from "@/lib/classifier/default-model";
import { scoreInput } from "@/lib/classifier/reasons";
import { InvalidInput } from "@/lib/errors";

// Modern spam the SMS corpus never saw: the default model lets it through, the tenant teaches it.
const COINMAX = [{ kind: "domain" as const, value: "coinmax.top", obfuscated: true }];
const SPAMMY: ClassifierInput = {
  text: "Hello dear, I am an investment manager. Send me your whatsapp and I will double your bitcoin: coinmax dot top",
  spamStrings: COINMAX,
};
const SIMILAR: ClassifierInput = {
  text: "Dear friend, I manage crypto investments, add my whatsapp to double your bitcoin quickly — coinmax dot top",
  spamStrings: COINMAX,
};
const PRIZE: ClassifierInput = {
  text:
    "WINNER!! You have been selected to receive a £900 prize reward! " +
    "To claim call 09061701461. Valid 12 hours only.",
};
const CHAT: ClassifierInput = { text: "Hi, my order #1234 arrived damaged, can I get a replacement please?" };

const newCache = () => new ClassifierCache();

describe("spam classifier per tenant", () => {
  it("scores a new tenant's messages with the default model, with reasons", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cache = newCache();
    const prize = await scoreMessage({ db, tenantId: tenant.id, input: PRIZE, cache });
    expect(prize.version).toBe(0);
    expect(prize.score).toBeGreaterThan(0.95);
    expect(prize.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(["09061701461"]));
    expect(prize.reasons.every((r) => r.weight > 0)).toBe(true);
    const chat = await scoreMessage({ db, tenantId: tenant.id, input: CHAT, cache });
    expect(chat.score).toBeLessThan(0.2);
    // No row until something is taught.
    expect(await db.classifierModel.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("learns from a mark: the next score of a similar message goes up, and an un-mark brings it down", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cache = newCache();
    const before = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache });

    const taught = await learnFromLabels({
      db,
      tenantId: tenant.id,
      cache,
      labels: [{ input: SPAMMY, source: "mark_spam", messageId: "m-1" }],
    });
    expect(taught).toMatchObject({ version: 1, learned: 1 });
    const afterMark = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache });
    expect(afterMark.version).toBe(1);
    expect(afterMark.score).toBeGreaterThan(before.score + 0.05);
    expect(afterMark.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(["mentions coinmax.top"]));

    await learnFromLabels({
      db,
      tenantId: tenant.id,
      cache,
      labels: [
        { input: SPAMMY, source: "unmark_spam" },
        { input: SIMILAR, source: "dismiss_suspicion" },
      ],
    });
    const afterUnmark = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache });
    expect(afterUnmark.version).toBe(3);
    expect(afterUnmark.score).toBeLessThan(afterMark.score - 0.05);

    const rows = await db.classifierLabel.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => [r.seq, r.spam, r.source, r.weight])).toEqual([
      [1, true, "mark_spam", 1],
      [2, false, "unmark_spam", 1],
      [3, false, "dismiss_suspicion", 1],
    ]);
    expect(rows[0]!.messageId).toBe("m-1");
    expect(rows[0]!.featureVersion).toBe(FEATURE_VERSION);
    expect(await db.classifierModel.findUniqueOrThrow({ where: { tenantId: tenant.id } })).toMatchObject({
      seq: 3,
      spamLabels: 1,
      hamLabels: 2,
    });
  });

  it("counts weaker signals less: a ban moves the score less than a mark", async () => {
    const db = testDatabase().prisma;
    const [marked, banned] = [await createTenant(db), await createTenant(db)];
    const cache = newCache();
    const start = (await scoreMessage({ db, tenantId: marked.id, input: SIMILAR, cache })).score;
    await learnFromLabels({ db, tenantId: marked.id, cache, labels: [{ input: SPAMMY, source: "mark_spam" }] });
    await learnFromLabels({ db, tenantId: banned.id, cache, labels: [{ input: SPAMMY, source: "ban_sender" }] });
    const afterMark = (await scoreMessage({ db, tenantId: marked.id, input: SIMILAR, cache })).score;
    const afterBan = (await scoreMessage({ db, tenantId: banned.id, input: SIMILAR, cache })).score;
    expect(afterBan).toBeGreaterThan(start);
    expect(afterMark).toBeGreaterThan(afterBan);
    expect((await db.classifierLabel.findFirstOrThrow({ where: { tenantId: banned.id } })).weight).toBe(0.5);
  });

  it("keeps tenants apart: one tenant's labels do not change another's scores", async () => {
    const db = testDatabase().prisma;
    const [teacher, other] = [await createTenant(db), await createTenant(db)];
    const cache = newCache();
    const otherBefore = await scoreMessage({ db, tenantId: other.id, input: SIMILAR, cache });
    await learnFromLabels({
      db,
      tenantId: teacher.id,
      cache,
      labels: Array.from({ length: 5 }, () => ({ input: SPAMMY, source: "mark_spam" as const })),
    });
    cache.invalidate(other.id);
    const otherAfter = await scoreMessage({ db, tenantId: other.id, input: SIMILAR, cache });
    expect(otherAfter).toEqual(otherBefore);
    expect(otherAfter.score).toBe(scoreInput(defaultModel().model, SIMILAR).score);
  });

  it("survives a restart: a new process loads the same model bit for bit (snapshot + later labels)", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cache = newCache();
    const texts = Array.from({ length: SNAPSHOT_EVERY + 13 }, (_, i) => ({
      input:
        i % 3
          ? { text: `Exclusive offer ${i}: claim free crypto bonus at coinpromo${i}.xyz now` }
          : { text: `Thanks for the help with ticket ${i}, all sorted now` },
      source: (i % 3 ? "mark_spam" : "dismiss_suspicion") as "mark_spam" | "dismiss_suspicion",
    }));
    // Batches of 10: the snapshot is written after the 40th label, labels 41–45 stay to be replayed.
    for (let i = 0; i < texts.length; i += 10)
      await learnFromLabels({ db, tenantId: tenant.id, cache, labels: texts.slice(i, i + 10) });
    const live = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache });
    expect(live.version).toBe(texts.length);

    const model = await db.classifierModel.findUniqueOrThrow({ where: { tenantId: tenant.id } });
    expect(model.snapshotSeq).toBe(40);
    expect(model.snapshot!.byteLength).toBeGreaterThan(16);
    // Labels the snapshot covers keep their row but not their features; later ones keep both.
    const labels = await db.classifierLabel.findMany({
      where: { tenantId: tenant.id },
      orderBy: { seq: "asc" },
      select: { seq: true, features: true },
    });
    expect(labels).toHaveLength(texts.length);
    for (const label of labels) expect(label.features === null).toBe(label.seq <= model.snapshotSeq);
    expect(labels.some((l) => l.features !== null)).toBe(true);

    const restarted = newCache();
    const reloaded = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache: restarted });
    expect(reloaded).toEqual(live);
    for (const probe of [PRIZE, CHAT, SPAMMY]) {
      expect((await scoreMessage({ db, tenantId: tenant.id, input: probe, cache: restarted })).score).toBe(
        (await scoreMessage({ db, tenantId: tenant.id, input: probe, cache })).score,
      );
    }
  });

  it("applies a label taught on one instance on another within a second, identically", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const [a, b] = [newCache(), newCache()];
    const bBefore = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache: b });
    await learnFromLabels({ db, tenantId: tenant.id, cache: a, labels: [{ input: SPAMMY, source: "mark_spam" }] });
    const taughtAt = performance.now();
    const onA = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache: a });
    let onB = bBefore;
    while (onB.version === 0 && performance.now() - taughtAt < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      onB = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache: b });
    }
    expect(performance.now() - taughtAt).toBeLessThan(1000);
    expect(onB).toEqual(onA);
    expect(onB.score).toBeGreaterThan(bBefore.score);
  });

  it("loses no label when two instances teach at the same time, and both end with the same model", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const [a, b] = [newCache(), newCache()];
    const label = (i: number) => ({
      input: { text: `Limited deal ${i}: win a free phone, reply WIN${i} to 8${i}0${i}` },
      source: "mark_spam" as const,
    });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        learnFromLabels({ db, tenantId: tenant.id, cache: i % 2 ? a : b, labels: [label(i), label(i + 100)] }),
      ),
    );
    expect((await db.classifierModel.findUniqueOrThrow({ where: { tenantId: tenant.id } })).seq).toBe(24);
    const seqs = (
      await db.classifierLabel.findMany({
        where: { tenantId: tenant.id },
        select: { seq: true },
        orderBy: { seq: "asc" },
      })
    ).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));

    const [onA, onB, fresh] = [
      await a.refreshNow(db, tenant.id),
      await b.refreshNow(db, tenant.id),
      await newCache().get(db, tenant.id),
    ];
    expect([onA.version, onB.version, fresh.version]).toEqual([24, 24, 24]);
    for (const probe of [SIMILAR, PRIZE, CHAT, label(7).input]) {
      const score = onA.score(probe).score;
      expect(onB.score(probe).score).toBe(score);
      expect(fresh.score(probe).score).toBe(score);
    }
  });

  it("catches up when another instance snapshots the labels it was about to read", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const [a, b] = [newCache(), newCache()];
    const label = (i: number) => ({
      input: { text: `Offer ${i}: free airtime, text GO${i} to 6${i}${i}0` },
      source: "mark_spam" as const,
    });
    await learnFromLabels({ db, tenantId: tenant.id, cache: a, labels: Array.from({ length: 5 }, (_, i) => label(i)) });
    expect((await b.get(db, tenant.id)).version).toBe(5);
    await learnFromLabels({
      db,
      tenantId: tenant.id,
      cache: a,
      labels: Array.from({ length: 20 }, (_, i) => label(i + 5)),
    });
    // B reads the version (25, no snapshot yet); before it reads the labels, A teaches 10 more and
    // snapshots all 35, dropping their features. B must notice and start from the snapshot.
    let interleaved = false;
    const dbB = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== "classifierLabel") return Reflect.get(target, property, receiver);
        return {
          findMany: async (args: Parameters<typeof db.classifierLabel.findMany>[0]) => {
            if (!interleaved) {
              interleaved = true;
              await learnFromLabels({
                db,
                tenantId: tenant.id,
                cache: a,
                labels: Array.from({ length: 10 }, (_, i) => label(i + 25)),
              });
            }
            return target.classifierLabel.findMany(args);
          },
        };
      },
    });
    const onB = await b.refreshNow(dbB, tenant.id);
    expect(interleaved).toBe(true);
    expect((await db.classifierModel.findUniqueOrThrow({ where: { tenantId: tenant.id } })).snapshotSeq).toBe(35);
    expect(onB.version).toBe(35);
    const onA = await a.get(db, tenant.id);
    for (const probe of [SIMILAR, PRIZE, label(30).input]) expect(onB.score(probe).score).toBe(onA.score(probe).score);
  });

  it("skips labels learned in another feature layout", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cache = newCache();
    await learnFromLabels({ db, tenantId: tenant.id, cache, labels: [{ input: SPAMMY, source: "mark_spam" }] });
    await db.classifierLabel.updateMany({
      where: { tenantId: tenant.id },
      data: { featureVersion: FEATURE_VERSION + 1 },
    });
    const restarted = await scoreMessage({ db, tenantId: tenant.id, input: SIMILAR, cache: newCache() });
    expect(restarted.version).toBe(1);
    expect(restarted.score).toBe(scoreInput(defaultModel().model, SIMILAR).score);
  });

  it("refuses malformed labels with a 400 error naming the field", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cases: unknown[] = [
      [],
      [{ input: { text: "x" }, source: "manual" }],
      [{ input: { text: "x" }, source: "mark_spam", spam: false }],
      [{ input: { text: "x" }, source: "mark_spam", weight: 3 }],
      [{ input: { text: 42 }, source: "mark_spam" }],
      [{ input: { text: "x" }, source: "guess" }],
    ];
    for (const labels of cases) {
      const error = await learnFromLabels({
        db,
        tenantId: tenant.id,
        labels: labels as never,
        cache: newCache(),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).status).toBe(400);
    }
    expect(await db.classifierLabel.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("measures precision and recall on the tenant's own labels, each scored before it was learned", async () => {
    const db = testDatabase().prisma;
    const tenant = await createTenant(db);
    const cache = newCache();
    const result = await learnFromLabels({
      db,
      tenantId: tenant.id,
      cache,
      labels: [
        { input: PRIZE, source: "mark_spam" },
        { input: CHAT, source: "dismiss_suspicion" },
        { input: SPAMMY, source: "mark_spam" },
        { input: SPAMMY, source: "deny_string" },
      ],
    });
    const measured = await measureOnTenantLabels({ db, tenantId: tenant.id, thresholds: [0.5, 0.999999] });
    // The deny_string label (weight 0.3) is not an agent's verdict: left out.
    expect(measured).toMatchObject({ labels: 3, spam: 2, ham: 1 });
    const [prizeBefore, chatBefore, spammyBefore] = result.scoresBefore;
    const caughtAtHalf = [prizeBefore!, spammyBefore!].filter((s) => s >= 0.5).length;
    expect(measured.thresholds[0]).toMatchObject({
      threshold: 0.5,
      recall: caughtAtHalf / 2,
      blockedHam: chatBefore! >= 0.5 ? 1 : 0,
    });
  });
});
