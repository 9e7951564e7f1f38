// What runs for an incoming message once it is stored (a job listener of message.received, see
// lib/events/listeners.ts), when there is something to do: record its spam strings (unless the statement
// that stored the message did), then run the tenant's rules. The message is already committed; a failure
// here throws to the job queue, which logs it and retries (recording is idempotent per (string, message),
// and a rule runs once per user and window).
import "server-only";
import type { Db } from "@/lib/db";
import { recordSpamStrings, type RecordSpamStringsOptions } from "./record-spam-strings";
import { runSpamRules, runSpamScoreRules } from "./spam-rules";
import { announceSpamManagerChange } from "./announce-change";
import { postedStrings } from "@/lib/realtime/spam-manager-change";

export async function processIncomingSpamStrings(
  db: Db,
  message: RecordSpamStringsOptions & {
    /** Set when an enabled "score ≥ X" rule may fire (lib/spam-detection). */ spamScore?: number;
    /** Set when the statement that stored the message recorded `strings` too: only the rules are left. */
    recorded?: { tenantHasRules: boolean };
  },
): Promise<void> {
  const { strings, tenantHasRules } =
    message.recorded && message.strings
      ? { strings: message.strings, tenantHasRules: message.recorded.tenantHasRules }
      : await recordSpamStrings(db, message);
  // Recorded here (the message's own event could not say so): the Spam Manager's counts moved.
  if (!message.recorded && strings.length)
    await announceSpamManagerChange(db, message.tenantId, postedStrings(strings));
  if (tenantHasRules) await runSpamRules(db, { ...message, strings });
  if (message.spamScore !== undefined) await runSpamScoreRules(db, { ...message, spamScore: message.spamScore });
}
