// Ingest's spam-detection step: score an incoming message with the tenant's classifier BEFORE it is
// stored, so the one write that stores it (lib/messages/store-incoming-message.ts) also keeps the score
// and its reasons on the message, the conversation's highest score on the conversation, and — in mode
// "suspect" — holds an active chat whose message scores at or above the tenant's threshold in
// Suspected. A suspected chat's message thus arrives in Suspected and raises no notification.
// Whether the sender is a new contact is known only inside that write, so the text is scored both ways
// (the classifier's "first message of a new contact" signal; one feature extraction for both) and the
// write keeps the one that applies.
// No statement at all, as a rule: the mode comes with the tenant's cached settings, and the model and the
// strings' Allow/Deny status from this instance's memory, kept current by change notifications
// (./detection-caches.ts). The spam strings found here go on with the message (message.received), so
// the Spam Manager's job records them without extracting them again.
// Never throws: the message is stored, unscored, whatever happens here.
import "server-only";
import type { Db } from "@/lib/db";
import { loadTenantClassifier, type ClassifierCache, type SpamScore } from "@/lib/classifier";
import { messageSpamStrings, type MessageSpamString } from "@/lib/spam-manager/conventions";
import { classifierInputsFor } from "./classifier-inputs";
import { spamDetectionCachesOf, type SpamListStatusCache } from "./detection-caches";
import type { SpamReasonView } from "@/lib/conversations/spam-reasons";
import type { SpamDetectionModeName } from "./settings-schema";

/** Reasons kept per message. */
export const SPAM_REASONS_KEPT = 5;

export interface ScoreIncomingMessageOptions {
  tenantId: string;
  /** The tenant's default phone region (spam strings' numbers). */
  region: string;
  text: string;
  /** The tenant's setting (ingest has it from the admission cache's tenant settings). */
  settings: { spamDetectionMode: SpamDetectionModeName; spamSuspectThreshold: number };
  /** Another instance's caches (tests simulating instances); this process's by default. */
  cache?: ClassifierCache;
  lists?: SpamListStatusCache;
}

export interface IncomingMessageScore {
  /** Probability of spam, 0–1. */
  score: number;
  reasons: SpamReasonView[];
}

/** The message's score both ways; the store step keeps the one that applies. */
export interface IncomingMessageScores {
  /** As the first message of a contact this message creates. */
  asFirstMessage: IncomingMessageScore;
  /** As a known contact's message. */
  asKnownContact: IncomingMessageScore;
  /** Mode "suspect": a chat whose message scores at or above this is held in Suspected; null otherwise. */
  suspectThreshold: number | null;
  /** Every spam string in the text, extracted once: the Spam Manager's job records these (absent: it extracts). */
  spamStrings?: MessageSpamString[];
}

/** The message's scores, or null when detection is off (or failed: the message is stored unscored). */
export async function scoreIncomingMessage(
  db: Db,
  options: ScoreIncomingMessageOptions,
): Promise<IncomingMessageScores | null> {
  const { tenantId, settings } = options;
  if (settings.spamDetectionMode === "off") return null;
  try {
    const spamStrings = messageSpamStrings(options.text, options.region);
    const caches = options.cache ? null : await spamDetectionCachesOf(db);
    const listCache = options.lists ?? caches?.lists;
    // Only a text with strings needs the lists; from memory, or one read when they cannot be followed now.
    const lists = spamStrings.length && listCache ? await listCache.of(tenantId) : null;
    const [input] = await classifierInputsFor(
      db,
      tenantId,
      options.region,
      [{ text: options.text, spamStrings }],
      lists ?? undefined,
    );
    const classifier = await loadTenantClassifier({ db, tenantId, cache: options.cache ?? caches?.classifier });
    const both = classifier.scoreBothWays(input!, { reasons: SPAM_REASONS_KEPT });
    return {
      asFirstMessage: reasonsKept(both.asFirstMessage),
      asKnownContact: reasonsKept(both.asKnownContact),
      suspectThreshold: settings.spamDetectionMode === "suspect" ? settings.spamSuspectThreshold : null,
      spamStrings,
    };
  } catch (error) {
    console.error(`[spam-detection] could not score an incoming message of tenant ${tenantId}:`, error);
    return null;
  }
}

function reasonsKept({ score, reasons }: SpamScore): IncomingMessageScore {
  return { score, reasons: reasons.map(({ kind, text, weight }) => ({ kind, text, weight })) };
}

/** The message's score when an enabled "score ≥ X" rule may fire on it (X ≤ score), for the rules. */
export function ruleScoreOf(score: number | null, ruleMinScore: number | null): number | undefined {
  return score !== null && ruleMinScore !== null && score >= ruleMinScore ? score : undefined;
}
