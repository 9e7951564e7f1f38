// The added cost of spam-string extraction per ingested message: what recording a message's spam
// strings (extraction + one upsert/insert statement) and the rules look-up add to ingest, measured on
// a real database over the SMS Spam Collection. `npm run bench` reports it beside figure 5 on the run's
// database; standalone it uses an in-memory PGlite:
//   node_modules/.bin/tsx --conditions=react-server bench/ingest-extraction.ts [--messages 2000] [--rounds 3]
//
// Method, per round, on a fresh migrated database: (1) ingest N corpus messages from 1,000 senders
// through receiveIncomingMessage, one after the other (ingest as the app runs it, recording included);
// (2) empty the spam-string tables and replay exactly the Spam Manager's part for the same stored
// messages (processIncomingSpamStrings: extraction, the statement, the rules look-up); (3) extraction
// alone, in memory. "Ingest without it" is (1) − (2). Medians over the rounds.
import { borrowAsProcessDatabase } from "./support/process-database";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDatabase, type DatabaseHandle } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import type { ServiceActor } from "@/lib/auth/actor";
import { readSmsCorpus, smsCorpusPath } from "@/lib/seed/sms-corpus";
import { seededRandom } from "@/lib/seed/random";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { processIncomingSpamStrings } from "@/lib/spam-manager/ingest";
import { messageSpamStrings } from "@/lib/spam-manager/conventions";

const REGION = "GB";
const SENDERS = 1_000;

export interface IngestExtractionMeasurement {
  messages: number;
  /** Share of the messages with at least one spam string (the only ones that touch the database). */
  withStrings: number;
  /** Mean µs per message of each part (medians over the rounds). */
  ingestMicros: number;
  spamManagerMicros: number;
  ingestWithoutMicros: number;
  extractionOnlyMicros: number;
  /** Among messages with strings: mean µs of the Spam Manager's part. */
  spamManagerMicrosWhenStrings: number;
  /** spamManagerMicros / ingestWithoutMicros. */
  addedShare: number;
}

interface Stored {
  messageId: string;
  contactId: string;
  conversationId: string;
  channel: "whatsapp";
  text: string;
  createdAt: Date;
}

async function freshDatabase(): Promise<DatabaseHandle> {
  const database = await openDatabase({ kind: "embedded", dataDir: "memory://" });
  await migrateDatabase(database);
  return database;
}

async function oneRound(texts: string[], senders: string[], open: () => Promise<DatabaseHandle>) {
  const database = await open();
  const giveBack = borrowAsProcessDatabase(database);
  const db = database.prisma;
  try {
    const tenant = await db.tenant.create({ data: { name: "Bench", defaultPhoneRegion: REGION } });
    const actor: ServiceActor = {
      kind: "service",
      tenantId: tenant.id,
      apiKeyId: "bench",
      apiKeyName: "bench",
      defaultAgentId: null,
    };
    const random = seededRandom(7);
    // Warm the code paths and the connection before timing.
    for (let i = 0; i < 50; i++)
      await receiveIncomingMessage.fromUntrusted({
        db,
        actor,
        input: { channel: "whatsapp", from: "+44 7700 900001", text: texts[i % texts.length]! },
      });

    const stored: Stored[] = [];
    const started = process.hrtime.bigint();
    for (const text of texts) {
      const result = await receiveIncomingMessage.fromUntrusted({
        db,
        actor,
        input: { channel: "whatsapp", from: random.pick(senders), text },
      });
      stored.push({
        messageId: result.messageId,
        contactId: result.contactId,
        conversationId: result.conversationId,
        channel: "whatsapp",
        text,
        createdAt: new Date(),
      });
    }
    const ingestMs = Number(process.hrtime.bigint() - started) / 1e6;

    await db.spamString.deleteMany({ where: { tenantId: tenant.id } });
    let withStringsMs = 0;
    let withStrings = 0;
    const replayStarted = process.hrtime.bigint();
    for (const message of stored) {
      const t = process.hrtime.bigint();
      await processIncomingSpamStrings(db, { tenantId: tenant.id, ...message, region: REGION });
      if (messageSpamStrings(message.text, REGION).length > 0) {
        withStrings++;
        withStringsMs += Number(process.hrtime.bigint() - t) / 1e6;
      }
    }
    const spamManagerMs = Number(process.hrtime.bigint() - replayStarted) / 1e6;

    const extractionStarted = process.hrtime.bigint();
    let sink = 0;
    for (const text of texts) sink += messageSpamStrings(text, REGION).length;
    const extractionMs = Number(process.hrtime.bigint() - extractionStarted) / 1e6;
    if (sink < 0) console.log(sink);
    return { ingestMs, spamManagerMs, extractionMs, withStrings, withStringsMs };
  } finally {
    await giveBack();
    await database.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureIngestExtraction({
  texts,
  rounds = 3,
  open = freshDatabase,
}: {
  texts: string[];
  rounds?: number;
  /** A fresh, migrated database per round (default: in-memory PGlite). */
  open?: () => Promise<DatabaseHandle>;
}): Promise<IngestExtractionMeasurement> {
  const senders = Array.from({ length: SENDERS }, (_, i) => `+44 7700 9${String(10_000 + i).padStart(5, "0")}`);
  const results: Array<Awaited<ReturnType<typeof oneRound>>> = [];
  for (let round = 0; round < rounds; round++) results.push(await oneRound(texts, senders, open));
  const n = texts.length;
  const perMessage = (pick: (r: (typeof results)[number]) => number) =>
    median(results.map((r) => (pick(r) * 1000) / n));
  const ingestMicros = perMessage((r) => r.ingestMs);
  const spamManagerMicros = perMessage((r) => r.spamManagerMs);
  return {
    messages: n,
    withStrings: results[0]!.withStrings / n,
    ingestMicros,
    spamManagerMicros,
    ingestWithoutMicros: ingestMicros - spamManagerMicros,
    extractionOnlyMicros: perMessage((r) => r.extractionMs),
    spamManagerMicrosWhenStrings: median(results.map((r) => (r.withStringsMs * 1000) / Math.max(1, r.withStrings))),
    addedShare: spamManagerMicros / (ingestMicros - spamManagerMicros),
  };
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, "..");
  const corpus = readSmsCorpus(smsCorpusPath(repoRoot)).map((entry) => entry.text);
  const texts = corpus.slice(0, argument("messages", corpus.length));
  const rounds = argument("rounds", 3);
  const silence = console.error;
  const r = await measureIngestExtraction({ texts, rounds });
  console.error = silence;
  const us = (n: number) => `${n.toFixed(0)} µs`;
  console.log(
    `SMS corpus: ${r.messages} messages (${(r.withStrings * 100).toFixed(1)}% with spam strings), region ${REGION}, ` +
      `embedded PGlite, ${rounds} rounds (medians)`,
  );
  console.log(
    `ingest (receiveIncomingMessage, sequential)   ${us(r.ingestMicros)}/message  = ` +
      `${Math.round(1e6 / r.ingestMicros)} msg/s`,
  );
  console.log(
    `  of which the Spam Manager (record + rules)  ${us(r.spamManagerMicros)}/message  ` +
      `(${us(r.spamManagerMicrosWhenStrings)} for a message with strings, ~0 without)`,
  );
  console.log(`    of which extraction alone (CPU)           ${(r.extractionOnlyMicros).toFixed(1)} µs/message`);
  console.log(
    `ingest without it                             ${us(r.ingestWithoutMicros)}/message  = ` +
      `${Math.round(1e6 / r.ingestWithoutMicros)} msg/s`,
  );
  console.log(
    `added cost: ${us(r.spamManagerMicros)} per ingested message (+${(r.addedShare * 100).toFixed(1)}% on ingest)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
