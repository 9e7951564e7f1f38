// What runs for every incoming message once it is stored (a job listener of message.received, see
// lib/events/listeners.ts): record its spam strings, then run the tenant's rules. The message is
// already committed; a failure here throws to the job queue, which logs it and retries (recording is
// idempotent per (string, message), and a rule runs once per user and window).
import "server-only";
import type { Db } from "@/lib/db";
import { recordSpamStrings, type RecordSpamStringsOptions } from "./record-spam-strings";
import { runSpamRules, runSpamScoreRules } from "./spam-rules";

export async function processIncomingSpamStrings(
  db: Db,
  message: RecordSpamStringsOptions & {
    /** Set when an enabled "score ≥ X" rule may fire (lib/spam-detection). */ spamScore?: number;
  },
): Promise<void> {
  const { strings, tenantHasRules } = await recordSpamStrings(db, message);
  if (tenantHasRules) await runSpamRules(db, { ...message, strings });
  if (message.spamScore !== undefined) await runSpamScoreRules(db, { ...message, spamScore: message.spamScore });
}
