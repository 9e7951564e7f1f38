// What ingest calls for every incoming message once it is stored: record its spam strings, then run
// the tenant's rules. The message is already committed, so nothing here may fail the request (a
// channel would re-deliver the message): errors are logged and ingest goes on.
import "server-only";
import type { Db } from "@/lib/db";
import { recordSpamStrings, type RecordSpamStringsOptions } from "./record-spam-strings";
import { runSpamRules, runSpamScoreRules } from "./spam-rules";

export async function processIncomingSpamStrings(db: Db, message: RecordSpamStringsOptions & { /** Set when an enabled "score ≥ X" rule may fire (lib/spam-detection). */ spamScore?: number }): Promise<void> {
  try {
    const { strings, tenantHasRules } = await recordSpamStrings(db, message);
    if (tenantHasRules) await runSpamRules(db, { ...message, strings });
    if (message.spamScore !== undefined) await runSpamScoreRules(db, { ...message, spamScore: message.spamScore });
  } catch (error) {
    console.error(`[spam-manager] could not record the spam strings of message ${message.messageId}:`, error);
  }
}
