// The SMS Spam Collection (real user-written texts) for demo content and benchmarks.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SmsCorpusEntry {
  label: "ham" | "spam";
  text: string;
}

const CANDIDATES = ["../shared/data/sms-spam-collection.tsv", "prisma/seed-data/sms-spam-collection.tsv"];

export function smsCorpusPath(cwd = process.cwd()): string {
  for (const candidate of CANDIDATES) {
    const full = path.resolve(cwd, candidate);
    // Read at run time from the checkout, not bundled: Turbopack need not trace the project for it.
    if (existsSync(/* turbopackIgnore: true */ full)) return full;
  }
  throw new Error(`SMS corpus not found (looked for ${CANDIDATES.join(", ")})`);
}

export function readSmsCorpus(file = smsCorpusPath()): SmsCorpusEntry[] {
  return readFileSync(/* turbopackIgnore: true */ file, "utf8")
    .split("\n")
    .filter((line) => line.includes("\t"))
    .map((line) => {
      const tab = line.indexOf("\t");
      return { label: line.slice(0, tab) === "spam" ? "spam" : "ham", text: line.slice(tab + 1).trim() };
    });
}

/**
 * Ordinary helpdesk messages written for Bouncer (prisma/seed-data/support-messages.tsv, all ham): the
 * SMS corpus's ham is chat between friends, so without them the default model read what customers
 * write to a support team — order and tracking numbers, links to a shop, amounts — as its spam.
 */
export function readSupportMessages(
  file = path.resolve(process.cwd(), "prisma/seed-data/support-messages.tsv"),
): SmsCorpusEntry[] {
  return readSmsCorpus(file);
}
