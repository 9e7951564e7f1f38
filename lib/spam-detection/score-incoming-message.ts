// Ingest's spam-detection step: score a stored incoming message with the tenant's classifier, keep the
// score and its reasons on the message and the conversation's highest score on the conversation, and —
// in mode "suspect" — hold an active chat whose message scores at or above the tenant's threshold in
// Suspected. It runs after the message is committed and before anyone is told of it, so a suspected
// chat's message arrives in Suspected and raises no notification (lib/notifications). One read of the
// tenant's mode (none when ingest passes it) and one statement for everything it writes; the rules'
// "score ≥ X" gate is read in that same statement. Never throws: the message is stored whatever happens here.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { Message } from "@/lib/generated/prisma/client";
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import { loadTenantClassifier, type ClassifierCache } from "@/lib/classifier";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { classifierInputsFor } from "./classifier-inputs";
import { spamReasonsOf, type SpamReasonView } from "@/lib/conversations/spam-reasons";
import { SPAM_DETECTION_SETTINGS, type SpamDetectionModeName } from "./settings-schema";


/** Reasons kept per message. */
export const SPAM_REASONS_KEPT = 5;

export interface ScoreIncomingMessageOptions {
  tenantId: string;
  /** The tenant's default phone region (spam strings' numbers). */
  region: string;
  text: string;
  /** This message created its contact. */
  contactCreated: boolean;
  message: Message;
  summary: ConversationSummary;
  /** The tenant's setting when the caller read it already (ingest reads the tenant row); read here otherwise. */
  settings?: { spamDetectionMode: SpamDetectionModeName; spamSuspectThreshold: number };
  /** Another process's classifier cache (tests simulating instances). */
  cache?: ClassifierCache;
}

export interface ScoredIncomingMessage {
  message: Message;
  summary: ConversationSummary;
  /** The message's score when an enabled "score ≥ X" rule may fire on it (X ≤ score), for the rules. */
  ruleScore?: number;
}

export async function scoreIncomingMessage(db: Db, options: ScoreIncomingMessageOptions): Promise<ScoredIncomingMessage> {
  const { tenantId, message, summary } = options;
  try {
    const tenant = options.settings ?? (await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: SPAM_DETECTION_SETTINGS }));
    if (tenant.spamDetectionMode === "off") return { message, summary };
    const [input] = await classifierInputsFor(db, tenantId, options.region, [{ text: options.text, firstMessageFromNewContact: options.contactCreated }]);
    const classifier = await loadTenantClassifier({ db, tenantId, cache: options.cache });
    const { score, reasons } = classifier.score(input!, { reasons: SPAM_REASONS_KEPT });
    const stored: SpamReasonView[] = reasons.map(({ kind, text, weight }) => ({ kind, text, weight }));
    const suspect = tenant.spamDetectionMode === "suspect" && score >= tenant.spamSuspectThreshold;
    const reasonsJson = JSON.stringify(stored);
    const [row] = await db.$queryRaw<Array<{ spamScore: number; spamReasons: unknown; bucket: InboxBucket; ruleMinScore: number | null }>>`
      WITH scored AS (
        UPDATE "Message" SET "spamScore" = ${score}, "spamReasons" = ${reasonsJson}::jsonb WHERE "id" = ${message.id} RETURNING "id"
      )
      UPDATE "Conversation" c SET
        "spamScore" = GREATEST(c."spamScore", ${score}),
        "spamReasons" = CASE WHEN c."spamScore" IS NULL OR c."spamScore" <= ${score} THEN ${reasonsJson}::jsonb ELSE c."spamReasons" END,
        "bucket" = CASE WHEN ${suspect} AND c."bucket" = 'active' AND c."spamSuspicionDismissedAt" IS NULL THEN 'suspected'::"InboxBucket" ELSE c."bucket" END
      WHERE c."id" = ${summary.id} AND c."tenantId" = ${tenantId}
      RETURNING c."spamScore", c."spamReasons", c."bucket"::text AS "bucket",
        (SELECT min((r."params"->>'minScore')::float8) FROM "SpamRule" r WHERE r."tenantId" = ${tenantId} AND r."enabled" AND r."trigger" = 'spam_score') AS "ruleMinScore"`;
    if (!row) return { message, summary };
    return {
      message: { ...message, spamScore: score, spamReasons: stored as unknown as Prisma.JsonValue },
      summary: { ...summary, bucket: row.bucket, spamScore: row.spamScore, spamReasons: spamReasonsOf(row.spamReasons) },
      ...(row.ruleMinScore !== null && score >= row.ruleMinScore ? { ruleScore: score } : {}),
    };
  } catch (error) {
    console.error(`[spam-detection] could not score message ${message.id}:`, error);
    return { message, summary };
  }
}
