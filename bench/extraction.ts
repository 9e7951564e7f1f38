// Spam-string extraction throughput against its floor: the bare library calls (linkify-it `match` and
// libphonenumber-js's phone finder, same options) over the same texts in the same process.
//   node_modules/.bin/tsx bench/extraction.ts     (SMS Spam Collection, region GB)
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findPhoneNumbersInText } from "libphonenumber-js";
import { readSmsCorpus, smsCorpusPath } from "@/lib/seed/sms-corpus";
import { createLinkify, extractSpamStrings, phoneFinderOptions } from "@/lib/spam-strings/extract";

export interface MeasureExtractionOptions {
  texts: string[];
  region: string;
  /** Measured rounds after the warm-up (default 15). */
  rounds?: number;
}

export interface Throughput {
  /** Messages per second of the median round. */
  median: number;
  /** Messages per second of the 95th-percentile (slow-tail) round. */
  p95: number;
}

export interface ExtractionMeasurement {
  messagesPerSecond: Throughput;
  floorMessagesPerSecond: Throughput;
  /** Median ours / median floor (above 1 means faster than the bare library calls). */
  ratio: number;
  /** 1e6/ours − 1e6/floor on the medians; negative when ours is cheaper than the floor. */
  addedMicrosPerMessage: number;
}

const WARM_UP_ROUNDS = 3;

// Results feed this module-level sink so the JIT cannot drop the work being timed as dead code.
let sink = 0;

export async function measureExtraction({
  texts,
  region,
  rounds = 15,
}: MeasureExtractionOptions): Promise<ExtractionMeasurement> {
  if (texts.length === 0) throw new RangeError("measureExtraction needs at least one text");
  const ours = () => runOurs(texts, region);
  const floor = createFloor(texts, region);
  for (let i = 0; i < WARM_UP_ROUNDS; i++) {
    ours();
    floor();
  }
  const oursSeconds: number[] = [];
  const floorSeconds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Interleaved, so drift on the machine (other processes, thermal) hits both sides alike.
    oursSeconds.push(timeSeconds(ours));
    floorSeconds.push(timeSeconds(floor));
    await yieldToEventLoop();
  }
  const messagesPerSecond = throughput(oursSeconds, texts.length);
  const floorMessagesPerSecond = throughput(floorSeconds, texts.length);
  return {
    messagesPerSecond,
    floorMessagesPerSecond,
    ratio: messagesPerSecond.median / floorMessagesPerSecond.median,
    addedMicrosPerMessage: 1e6 / messagesPerSecond.median - 1e6 / floorMessagesPerSecond.median,
  };
}

function runOurs(texts: string[], region: string): void {
  const options = { defaultRegion: region };
  for (const text of texts) {
    const found = extractSpamStrings(text, options);
    sink += found.domains.length + found.urls.length + found.phones.length + found.emails.length;
  }
}

function createFloor(texts: string[], region: string): () => void {
  const linkify = createLinkify();
  const phoneOptions = phoneFinderOptions(region);
  return () => {
    for (const text of texts) {
      sink += linkify.match(text)?.length ?? 0;
      sink += findPhoneNumbersInText(text, phoneOptions).length;
    }
  };
}

function timeSeconds(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function throughput(roundSeconds: number[], messages: number): Throughput {
  const sorted = [...roundSeconds].sort((a, b) => a - b);
  return { median: messages / percentile(sorted, 0.5), p95: messages / percentile(sorted, 0.95) };
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], fraction: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(import.meta.dirname, "..");
  const texts = readSmsCorpus(smsCorpusPath(repoRoot)).map((entry) => entry.text);
  const result = await measureExtraction({ texts, region: "GB" });
  const format = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`SMS corpus: ${texts.length} messages, region GB`);
  console.log(
    `ours   ${format(result.messagesPerSecond.median)} msg/s median, ${format(result.messagesPerSecond.p95)} msg/s p95`,
  );
  console.log(
    `floor  ${format(result.floorMessagesPerSecond.median)} msg/s median, ` +
      `${format(result.floorMessagesPerSecond.p95)} msg/s p95`,
  );
  console.log(
    `ratio  ${result.ratio.toFixed(2)}× the floor; added ${result.addedMicrosPerMessage.toFixed(2)} µs/message`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
