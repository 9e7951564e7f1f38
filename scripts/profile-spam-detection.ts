// Where spam detection's added cost per ingested message goes, measured in place (issue 18): ingests
// corpus texts through receiveIncomingMessage for a tenant with detection on, and before each ingest
// times the score step exactly as ingest calls it (same process, same caches, same database), splitting
// texts that hold spam strings from the others. Run it under `node --cpu-prof` to see the functions.
//   npx tsx --conditions=react-server scripts/profile-spam-detection.ts [count]        (embedded)
//   DATABASE_URL=postgres://… npx tsx --conditions=react-server scripts/profile-spam-detection.ts
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx --conditions=react-server scripts/profile-spam-detection.ts
import os from "node:os";
import { BenchDatabases } from "../bench/support/databases";
import { borrowAsProcessDatabase } from "../bench/support/process-database";
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import { createApiKey } from "@/lib/auth/api-keys";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { scoreIncomingMessage } from "@/lib/spam-detection/score-incoming-message";
import { messageSpamStrings } from "@/lib/spam-manager/conventions";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { classifierInputsFor } from "@/lib/spam-detection/classifier-inputs";
import { spamDetectionCachesOf } from "@/lib/spam-detection/detection-caches";
import { classifierCache, loadTenantClassifier } from "@/lib/classifier/tenant-classifier";
import type { Db } from "@/lib/db";

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1200);
  const idle = process.argv.includes("--idle");
  // --ingest-only on|off: only the ingest loop, detection on or off (profile both and compare functions).
  const ingestOnly = process.argv.includes("--ingest-only")
    ? process.argv[process.argv.indexOf("--ingest-only") + 1]
    : null;
  const url = process.env.DATABASE_URL;
  const databases = await BenchDatabases.create(url ? "postgres" : "embedded", url, () => {});
  const database = await (await databases.fresh()).open();
  const giveBack = borrowAsProcessDatabase(database);
  try {
    const db = database.prisma;
    const tenant = await db.tenant.create({
      data: { name: "Profile", defaultPhoneRegion: "GB", spamDetectionMode: ingestOnly === "off" ? "off" : "scores" },
    });
    // A tenant with lists, as a real one has: the texts' strings are looked up among them.
    await db.spamListEntry.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({
        tenantId: tenant.id,
        list: i % 2 ? "allow" : "deny",
        kind: "domain",
        value: `listed-${i}.example`,
      })) as never,
    });
    const { record } = await createApiKey(db, tenant.id, "profile");
    const actor = {
      kind: "service" as const,
      tenantId: tenant.id,
      apiKeyId: record.id,
      apiKeyName: record.name,
      defaultAgentId: null,
    };
    const corpus = readSmsCorpus();
    const texts = Array.from({ length: count }, (_, i) => corpus[i % corpus.length]!.text);
    const settings = { spamDetectionMode: "scores" as const, spamSuspectThreshold: 0.9 };
    const input = (i: number) => ({
      channel: "whatsapp" as const,
      from: `+4477009${String(10_000 + Math.floor(i / 3)).padStart(5, "0")}`,
      text: texts[i]!,
    });
    await receiveIncomingMessage.fromUntrusted({ db, actor, input: { ...input(0), from: "+447700900001" } });
    const cpu = { strings: [] as number[], plain: [] as number[] };
    let ingestCpuUs = 0;
    const started = performance.now();
    for (let i = 0; i < texts.length; i++) {
      if (!ingestOnly) {
        const c0 = process.cpuUsage();
        await scoreIncomingMessage(db, { tenantId: tenant.id, settings, region: "GB", text: texts[i]! });
        const c1 = process.cpuUsage(c0);
        (messageSpamStrings(texts[i]!, "GB").length ? cpu.strings : cpu.plain).push((c1.user + c1.system) / 1000);
      }
      const c2 = process.cpuUsage();
      await receiveIncomingMessage.fromUntrusted({ db, actor, input: input(i) });
      // --idle: the message's queued listener jobs finish before the next step is timed (in-process
      // queue: otherwise they run during the step's awaits and their CPU is counted as the step's).
      if (idle) await whenEventsIdle();
      const c3 = process.cpuUsage(c2);
      ingestCpuUs += c3.user + c3.system;
    }
    await whenEventsIdle();
    const wallS = (performance.now() - started) / 1000;
    // The step's parts, each alone over the same texts, after the loop (no background jobs running).
    const parts = ingestOnly ? {} : await stepParts(db, tenant.id, texts);

    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const all = [...cpu.strings, ...cpu.plain];
    console.log(
      JSON.stringify(
        {
          database: database.kind,
          load: os
            .loadavg()
            .map((x) => x.toFixed(2))
            .join(" "),
          messages: texts.length,
          stepCpuMsPerMessage: +(sum(all) / all.length).toFixed(4),
          withStrings: { count: cpu.strings.length, cpuMsEach: +(sum(cpu.strings) / cpu.strings.length).toFixed(4) },
          withoutStrings: { count: cpu.plain.length, cpuMsEach: +(sum(cpu.plain) / cpu.plain.length).toFixed(4) },
          ingestCpuMsPerMessage: +(ingestCpuUs / 1000 / texts.length).toFixed(3),
          wallS: +wallS.toFixed(1),
          partsCpuMsPerMessage: parts,
        },
        null,
        2,
      ),
    );
  } finally {
    await giveBack();
    await database.close();
    await databases.disposeAll();
  }
}

/** CPU per message of each part of the score step, over all texts (the mean, as ingest pays it). */
async function stepParts(db: Db, tenantId: string, texts: string[]): Promise<Record<string, number>> {
  const cpuMs = async (run: () => unknown | Promise<unknown>) => {
    const c0 = process.cpuUsage();
    for (let round = 0; round < 3; round++) await run();
    const c1 = process.cpuUsage(c0);
    return +((c1.user + c1.system) / 1000 / 3 / texts.length).toFixed(4);
  };
  const found = texts.map((text) => messageSpamStrings(text, "GB"));
  const inputs = await classifierInputsFor(
    db,
    tenantId,
    "GB",
    texts.map((text) => ({ text })),
  );
  const classifier = await loadTenantClassifier({ db, tenantId });
  const settings = { spamDetectionMode: "scores" as const, spamSuspectThreshold: 0.9 };
  return {
    extractSpamStrings: await cpuMs(() => {
      for (const text of texts) messageSpamStrings(text, "GB");
    }),
    // The list status of each text's strings as a read per text (a statement for texts with strings)…
    listStatusRead: await cpuMs(async () => {
      for (const [i, text] of texts.entries())
        await classifierInputsFor(db, tenantId, "GB", [{ text, spamStrings: found[i] }]);
    }),
    // …and from this instance's memory (lib/spam-detection/detection-caches.ts).
    listStatusFromMemory: await cpuMs(async () => {
      const lists = (await spamDetectionCachesOf(db))!.lists;
      for (const [i, text] of texts.entries()) {
        const status = found[i]!.length ? await lists.of(tenantId) : null;
        await classifierInputsFor(db, tenantId, "GB", [{ text, spamStrings: found[i] }], status ?? undefined);
      }
    }),
    // The model as the score step gets it (the process's cache, following changes when it can).
    modelFromCache: await cpuMs(async () => {
      for (let i = 0; i < texts.length; i++) await loadTenantClassifier({ db, tenantId });
    }),
    versionCheckEach: await cpuMs(async () => {
      for (let i = 0; i < texts.length; i++) await classifierCache().refreshNow(db, tenantId);
    }),
    twoScores: await cpuMs(() => {
      for (const input of inputs) {
        classifier.score({ ...input, firstMessageFromNewContact: true }, { reasons: 5 });
        classifier.score(input, { reasons: 5 });
      }
    }),
    wholeStep: await cpuMs(async () => {
      for (const text of texts) await scoreIncomingMessage(db, { tenantId, settings, region: "GB", text });
    }),
    textsWithStrings: found.filter((f) => f.length).length,
  };
}

await main();
