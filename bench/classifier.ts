// Figure 7 — the spam classifier (issue 18): how well it separates spam on the SMS Spam Collection
// under three protocols (bench/classifier-protocols.ts), beside the published figures; how fast it
// scores on one core; and, on the run's database, what teaching a label and checking a tenant's
// version cost.
import { borrowAsProcessDatabase } from "./support/process-database";
import os from "node:os";
import type { BenchContext } from "./support/context";
import type { FigureRow } from "./support/report";
import { summarize } from "./support/stats";
import { crossValidation, holdout, online, MAX_BLOCKED_HAM } from "./classifier-protocols";
import { classifierInputOf, buildDefaultModel, corpusExamples } from "@/lib/classifier/default-model";
import { OverlayModel, type LinearModel } from "@/lib/classifier/model";
import { scoreBothWays, scoreInput } from "@/lib/classifier/reasons";
import type { ClassifierInput } from "@/lib/classifier/features";
import type { ClassificationFigures } from "@/lib/classifier/evaluation";
import { ClassifierCache, learnFromLabels } from "@/lib/classifier/tenant-classifier";
import { defaultModel } from "@/lib/classifier/default-model";
import { createApiKey } from "@/lib/auth/api-keys";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { whenEventsIdle } from "@/lib/events/dispatch";
import { scoreIncomingMessage } from "@/lib/spam-detection/score-incoming-message";

const FIGURE = "7 classifier";
const one = (value: number) => ({ median: value, p95: Number.NaN });
const pct = (x: number) => x * 100;

// The corpus paper's best result on its hold-out (SVM), and a published linear TF-IDF model's 5-fold
// cross-validation on the de-duplicated messages — the figures the issue names.
const PAPER = { accuracy: 97.64, mcc: 0.893, blockedHam: 0.18 };
const TFIDF_CV = { accuracy: 98.88, spamF1: 0.954 };

function row(label: string, unit: FigureRow["unit"], value: number, extra: Partial<FigureRow> = {}): FigureRow {
  return {
    figure: FIGURE,
    label,
    unit,
    value: one(value),
    floor: null,
    ratio: null,
    ratioOf: null,
    target: "(info)",
    pass: null,
    ...extra,
  };
}

function describe(f: ClassificationFigures): string {
  return (
    `acc ${pct(f.accuracy).toFixed(2)}%, spam caught ${pct(f.spamCaught).toFixed(2)}%, blocked ham ` +
    `${pct(f.blockedHam).toFixed(2)}%, precision ${pct(f.precision).toFixed(2)}%, F1 ${f.spamF1.toFixed(3)}, MCC ` +
    `${f.mcc.toFixed(3)} (tp ${f.tp}, fp ${f.fp}, tn ${f.tn}, fn ${f.fn})`
  );
}

export async function benchClassifier(ctx: BenchContext): Promise<FigureRow[]> {
  const rows: FigureRow[] = [];
  const corpus = ctx.corpus;

  // (a) hold-out
  const a = holdout(corpus);
  const aNotes =
    `(a) first ${a.train.messages} messages train (${a.train.spam} spam), ${a.test.messages} test ` +
    `(${a.test.spam} spam); threshold ${a.threshold} chosen from out-of-fold scores inside the training part ` +
    `(blocked ham ≤ ${MAX_BLOCKED_HAM * 100}%): ${describe(a.atThreshold)}; at 0.5: ${describe(a.atHalf)}`;
  rows.push(
    row("(a) hold-out: MCC", "coef", a.atThreshold.mcc, {
      reference: `paper ${PAPER.mcc}`,
      target: "≥ 0.94 with blocked ham ≤ 0.1%",
      pass: a.atThreshold.mcc >= 0.94 && a.atThreshold.blockedHam <= MAX_BLOCKED_HAM,
      notes: aNotes,
      details: { ...a },
    }),
    row("(a) hold-out: accuracy", "%", pct(a.atThreshold.accuracy), { reference: `paper ${PAPER.accuracy}%` }),
    row("(a) hold-out: spam caught", "%", pct(a.atThreshold.spamCaught)),
    row("(a) hold-out: blocked ham", "%", pct(a.atThreshold.blockedHam), { reference: `paper ${PAPER.blockedHam}%` }),
  );

  // (b) cross-validation
  const b = crossValidation(corpus);
  const bNotes =
    `(b) ${b.folds}-fold stratified cross-validation on ${b.messages} de-duplicated messages ` +
    `(${b.spam} spam), pooled, threshold 0.5: ${describe(b.pooled)}; fold accuracies ` +
    `${b.foldAccuracy.map((x) => pct(x).toFixed(2)).join(", ")}%`;
  rows.push(
    row("(b) 5-fold CV: accuracy", "%", pct(b.pooled.accuracy), {
      reference: `TF-IDF ${TFIDF_CV.accuracy}%`,
      target: "≥ 98.9%",
      pass: b.pooled.accuracy >= 0.989,
      notes: bNotes,
      details: { ...b },
    }),
    row("(b) 5-fold CV: spam F1", "coef", b.pooled.spamF1, {
      reference: `TF-IDF ${TFIDF_CV.spamF1}`,
      target: "≥ 0.96",
      pass: b.pooled.spamF1 >= 0.96,
    }),
  );

  // (c) online
  const c = online(corpus);
  const cNotes =
    `(c) an empty model fed the ${c.train.messages} training messages once, in corpus order; threshold ` +
    `${c.threshold} chosen from the score each got just before it was learned (accuracy of those scores ` +
    `${pct(c.progressiveAccuracy).toFixed(2)}%); test: ${describe(c.atThreshold)}; at 0.5: ${describe(c.atHalf)}`;
  rows.push(
    row("(c) online, one pass: MCC", "coef", c.atThreshold.mcc, {
      reference: `(a) ${a.atThreshold.mcc.toFixed(3)}`,
      target: "within 0.02 of (a)",
      pass: Math.abs(c.atThreshold.mcc - a.atThreshold.mcc) <= 0.02,
      notes: cNotes,
      details: { ...c },
    }),
    row("(c) online, one pass: blocked ham", "%", pct(c.atThreshold.blockedHam)),
  );

  rows.push(...scoringThroughput(ctx));
  rows.push(...(await databaseCosts(ctx)));
  rows.push(...(await ingestStepCost(ctx)));
  return rows;
}

/** Scoring with reasons on one core: feature extraction, the dot product and the reasons. */
function scoringThroughput(ctx: BenchContext): FigureRow[] {
  const started = performance.now();
  const model = buildDefaultModel();
  const buildMs = performance.now() - started;
  // Spam strings come with the input (ingest has extracted them already: figure 5).
  const inputs: ClassifierInput[] = ctx.corpus.map((entry) => classifierInputOf(entry.text));
  // A tenant that taught 500 labels scores through its overlay (a map look-up per feature): the slower case.
  const tenant = new OverlayModel(model);
  const { vectors, labels } = corpusExamples(ctx.corpus.slice(0, 500));
  vectors.forEach((v, i) => tenant.learn(v, labels[i]!));
  const rounds = ctx.quick ? 3 : 10;
  // Throughput per second of this process's CPU time (user + system), not of the wall clock: on a
  // shared machine the wall clock also counts the time other processes held the core. Both are kept.
  const measure = (m: LinearModel) => {
    let sink = 0;
    for (let w = 0; w < 2; w++) for (const input of inputs) sink += scoreInput(m, input).score;
    const perCpuSecond: number[] = [];
    const perWallSecond: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (const input of inputs) sink += scoreInput(m, input).reasons.length;
      const wall = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      perCpuSecond.push(inputs.length / ((cpu.user + cpu.system) / 1e6));
      perWallSecond.push(inputs.length / wall);
    }
    if (sink === -1) console.log(sink);
    const pick = (values: number[]) => {
      const sorted = [...values].sort((x, y) => y - x);
      return {
        median: sorted[Math.floor(sorted.length / 2)]!,
        p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!,
      };
    };
    return { ...pick(perCpuSecond), wall: pick(perWallSecond) };
  };
  const overlay = measure(tenant);
  const plain = measure(model);
  const notes =
    `${inputs.length.toLocaleString("en-US")} corpus messages × ${rounds} rounds, with up to 5 reasons each way, ` +
    `per second of CPU time; p95 = the slow-tail round; ` +
    `a tenant model that learned 500 labels (${tenant.touched.toLocaleString("en-US")} coordinates in its overlay); ` +
    `the default model alone: ${Math.round(plain.median).toLocaleString("en-US")} msg/s; ` +
    `by the wall clock (shared machine, load average ${os.loadavg()[0]!.toFixed(1)}): ` +
    `${Math.round(overlay.wall.median).toLocaleString("en-US")} msg/s (tenant), ` +
    `${Math.round(plain.wall.median).toLocaleString("en-US")} msg/s (default)`;
  return [
    {
      figure: FIGURE,
      label: "scoring, messages/s, one core",
      unit: "msg/s",
      value: { median: overlay.median, p95: overlay.p95 },
      floor: null,
      ratio: null,
      ratioOf: null,
      target: "≥ 30,000/s",
      pass: overlay.median >= 30_000,
      notes,
    },
    row("scoring, per message", "ms", 1000 / overlay.median, {
      value: { median: 1000 / overlay.median, p95: 1000 / overlay.p95 },
      target: "≤ 0.1 ms",
      pass: 1000 / overlay.median <= 0.1,
    }),
    row("default model build (first use per process)", "ms", buildMs, {
      notes: "training on the 5,159 de-duplicated corpus messages, 3 passes, in this process",
    }),
  ];
}

/** Teaching one label and re-checking a tenant's version on the run's database. */
async function databaseCosts(ctx: BenchContext): Promise<FigureRow[]> {
  const database = await (await ctx.databases.fresh()).open();
  const giveBack = borrowAsProcessDatabase(database);
  try {
    const db = database.prisma;
    const tenant = await db.tenant.create({ data: { name: "Classifier bench" } });
    const instanceA = new ClassifierCache();
    // Instance B re-checks on every call: each get() is the version check a stale copy makes.
    const instanceB = new ClassifierCache({ maxStalenessMs: 0 });
    const texts = ctx.corpus.slice(0, ctx.quick ? 30 : 200);
    const learnMs: number[] = [];
    const applyMs: number[] = [];
    for (const [i, entry] of texts.entries()) {
      await instanceB.get(db, tenant.id);
      const t0 = performance.now();
      await learnFromLabels({
        db,
        tenantId: tenant.id,
        cache: instanceA,
        labels: [
          { input: classifierInputOf(entry.text), source: entry.label === "spam" ? "mark_spam" : "dismiss_suspicion" },
        ],
      });
      learnMs.push(performance.now() - t0);
      const t1 = performance.now();
      const seen = await instanceB.get(db, tenant.id);
      applyMs.push(performance.now() - t1);
      if (seen.version !== i + 1) throw new Error(`instance B saw version ${seen.version}, expected ${i + 1}`);
    }
    const checkMs: number[] = [];
    for (let i = 0; i < (ctx.quick ? 50 : 300); i++) {
      const t0 = performance.now();
      await instanceB.get(db, tenant.id);
      checkMs.push(performance.now() - t0);
    }
    const [learn, apply, check] = [summarize(learnMs), summarize(applyMs), summarize(checkMs)];
    const notes =
      `${texts.length} corpus messages taught one at a time on ${ctx.kind}; instance B re-checks on ` +
      `every call (maxStalenessMs 0) — in production an instance hears of a new version (a NOTIFY) and re-checks a ` +
      `tenant otherwise every 30 s (every 500 ms while its listener is down), so a message almost never pays this`;
    return [
      row("teach one label (learnFromLabels)", "ms", learn.median, {
        value: { median: learn.median, p95: learn.p95 },
        notes,
      }),
      row("another instance catches up (version check + new label)", "ms", apply.median, {
        value: { median: apply.median, p95: apply.p95 },
      }),
      row("version check, nothing new", "ms", check.median, { value: { median: check.median, p95: check.p95 } }),
    ];
  } finally {
    await giveBack();
    await database.close();
  }
}

/**
 * What spam detection adds to each ingested message. The score step (lib/spam-detection/
 * score-incoming-message.ts) runs before the message is stored: the input with its spam strings' list
 * status (from this instance's memory), the tenant's cached model (told of new versions), the score both
 * ways (as a new contact's first message and as a known contact's, one feature extraction); the store
 * step's one database call keeps the score that applies. Measured three ways, on the run's database:
 * - the step's computing alone (spam strings extracted, scored both ways with 5 reasons), CPU;
 * - the whole step as ingest runs it (scoreIncomingMessage), wall;
 * - the whole ingest (receiveIncomingMessage) of the same texts for a tenant with detection on, against
 *   one with detection off, interleaved message by message: wall median and CPU per message, on vs off —
 *   each message with its listener jobs (they run in this process on the embedded database; without
 *   waiting for them, one message's job would run, and be counted, during the next message's ingest).
 */
async function ingestStepCost(ctx: BenchContext): Promise<FigureRow[]> {
  const database = await (await ctx.databases.fresh()).open();
  const giveBack = borrowAsProcessDatabase(database);
  try {
    const db = database.prisma;
    const tenantWith = async (name: string, spamDetectionMode: "off" | "scores") => {
      const tenant = await db.tenant.create({ data: { name, defaultPhoneRegion: "GB", spamDetectionMode } });
      const { record } = await createApiKey(db, tenant.id, "bench");
      return {
        kind: "service" as const,
        tenantId: tenant.id,
        apiKeyId: record.id,
        apiKeyName: record.name,
        defaultAgentId: null,
      };
    };
    const off = await tenantWith("Spam detection off", "off");
    const on = await tenantWith("Spam detection on", "scores");
    // Enough messages for the difference of two ~4 ms CPU figures to settle within a few hundredths of a ms.
    const count = ctx.quick ? 100 : 2_000;
    const texts = ctx.corpus.slice(0, count).map((entry) => entry.text);
    // Three messages per sender (first messages of new contacts and known contacts' messages), well
    // inside the per-sender burst, so none takes the cheap lane.
    const input = (i: number) => ({
      channel: "whatsapp" as const,
      from: `+4477009${String(10_000 + Math.floor(i / 3)).padStart(5, "0")}`,
      text: texts[i]!,
    });
    // Warm: both tenants' settings and the model are loaded once per process.
    await receiveIncomingMessage.fromUntrusted({ db, actor: off, input: { ...input(0), from: "+447700900001" } });
    await receiveIncomingMessage.fromUntrusted({ db, actor: on, input: { ...input(0), from: "+447700900001" } });
    const wall = { on: [] as number[], off: [] as number[] };
    const cpuUs = { on: 0, off: 0 };
    for (let i = 0; i < texts.length; i++) {
      for (const [which, actor] of (i % 2
        ? [
            ["on", on],
            ["off", off],
          ]
        : [
            ["off", off],
            ["on", on],
          ]) as Array<["on" | "off", typeof on]>) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await receiveIncomingMessage.fromUntrusted({ db, actor, input: input(i) });
        await whenEventsIdle();
        wall[which].push(performance.now() - t0);
        const c1 = process.cpuUsage(c0);
        cpuUs[which] += c1.user + c1.system;
      }
    }
    const scored = await db.message.count({ where: { tenantId: on.tenantId, spamScore: { not: null } } });
    // 3 per sender: a sender past the per-sender burst would take the cheap lane and measure something else.
    if (scored !== texts.length + 1)
      throw new Error(`spam detection bench: ${scored} of ${texts.length + 1} messages scored`);
    const [wallOn, wallOff] = [summarize(wall.on), summarize(wall.off)];
    const cpuOn = cpuUs.on / 1000 / texts.length;
    const cpuOff = cpuUs.off / 1000 / texts.length;

    // The step as ingest calls it, alone.
    const settings = { spamDetectionMode: "scores" as const, spamSuspectThreshold: 0.9 };
    const stepMs: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      await scoreIncomingMessage(db, { tenantId: on.tenantId, settings, region: "GB", text });
      stepMs.push(performance.now() - t0);
    }
    const step = summarize(stepMs);
    const withStrings = texts.filter((text) => classifierInputOf(text, "GB").spamStrings?.length).length;

    // The step's own computing: extracting the spam strings, then scoring both ways (one feature
    // extraction) with 5 reasons — three rounds, the fastest kept (a shared machine).
    const model = buildDefaultModelCached();
    let scoringCpuMs = Infinity;
    for (let round = 0; round < 3; round++) {
      const s0 = process.cpuUsage();
      for (const text of texts) scoreBothWays(model, classifierInputOf(text, "GB"), { reasons: 5 });
      const s1 = process.cpuUsage(s0);
      scoringCpuMs = Math.min(scoringCpuMs, (s1.user + s1.system) / 1000 / texts.length);
    }
    const notes =
      `${texts.length} corpus messages ingested on ${ctx.kind} by receiveIncomingMessage for a tenant with ` +
      `detection on (mode "scores") and one with it off, interleaved, each with its listener jobs: ` +
      `wall median ${wallOn.median.toFixed(3)} vs ${wallOff.median.toFixed(3)} ms, CPU ${cpuOn.toFixed(3)} vs ` +
      `${cpuOff.toFixed(3)} ms per message in this process ` +
      (ctx.kind === "embedded"
        ? "(which on the embedded database includes PGlite executing the statements); "
        : "(the database server's work not included); ") +
      `the step alone (scoreIncomingMessage) ${step.median.toFixed(3)} ms wall median, ` +
      `p95 ${step.p95.toFixed(3)} ms (${withStrings} of ${texts.length} texts hold spam strings: ` +
      "their Allow/Deny status from this instance's memory, lib/spam-detection/detection-caches.ts); " +
      `its computing (spam strings extracted, scored both ways with 5 reasons) ${scoringCpuMs.toFixed(3)} ms CPU`;
    return [
      row("ingest: added per message, classifier CPU (two scores)", "ms", scoringCpuMs, {
        target: "≤ 0.1 ms",
        pass: scoringCpuMs <= 0.1,
        notes,
      }),
      row("ingest: added per message, score step (wall)", "ms", step.median, {
        value: { median: step.median, p95: step.p95 },
      }),
      row("ingest: added per message, whole ingest on − off (wall median)", "ms", wallOn.median - wallOff.median, {
        value: { median: wallOn.median - wallOff.median, p95: wallOn.p95 - wallOff.p95 },
        notes:
          `detection on ${wallOn.median.toFixed(3)} ms (p95 ${wallOn.p95.toFixed(3)}), off ` +
          `${wallOff.median.toFixed(3)} ms (p95 ${wallOff.p95.toFixed(3)})`,
      }),
      row("ingest: added per message, whole ingest on − off (CPU)", "ms", cpuOn - cpuOff, {
        notes: `detection on ${cpuOn.toFixed(3)} ms, off ${cpuOff.toFixed(3)} ms CPU per message in this process`,
      }),
    ];
  } finally {
    await giveBack();
    await database.close();
  }
}

let cachedModel: ReturnType<typeof buildDefaultModel> | undefined;
function buildDefaultModelCached() {
  cachedModel ??= defaultModel().model;
  return cachedModel;
}
