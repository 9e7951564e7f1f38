// Scores incoming messages stored without a score — the demo's seeded history, and messages stored
// before spam detection existed — with the tenant's classifier as it is now, and gives their
// conversations the highest score. Nothing moves to Suspected (that is decided when a message arrives)
// and nothing is taught. Batches of BATCH messages, one statement to write each batch; safe to repeat.
import "server-only";
import type { Db } from "@/lib/db";
import { loadTenantClassifier } from "@/lib/classifier";
import { classifierInputsFor } from "./classifier-inputs";
import { SPAM_REASONS_KEPT } from "./score-incoming-message";

const BATCH = 500;

export async function scoreStoredMessages(
  db: Db,
  tenantId: string,
  onProgress?: (scored: number) => void,
): Promise<number> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { defaultPhoneRegion: true, spamDetectionMode: true },
  });
  if (tenant.spamDetectionMode === "off") return 0;
  const classifier = await loadTenantClassifier({ db, tenantId });
  let scored = 0;
  let after = "";
  for (;;) {
    const batch = await db.message.findMany({
      where: { tenantId, direction: "in", spamScore: null, id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, body: true },
    });
    if (!batch.length) break;
    const inputs = await classifierInputsFor(
      db,
      tenantId,
      tenant.defaultPhoneRegion,
      batch.map((m) => ({ text: m.body })),
    );
    const results = inputs.map((input) => classifier.score(input, { reasons: SPAM_REASONS_KEPT }));
    const reasonsJson = results.map((r) =>
      JSON.stringify(r.reasons.map(({ kind, text, weight }) => ({ kind, text, weight }))),
    );
    await db.$executeRaw`
      UPDATE "Message" m SET "spamScore" = s."score", "spamReasons" = s."reasons"::jsonb
        FROM unnest(${batch.map((m) => m.id)}::text[], ${results.map((r) => r.score)}::float8[],
          ${reasonsJson}::text[])
          AS s("id", "score", "reasons")
       WHERE m."id" = s."id" AND m."tenantId" = ${tenantId}`;
    await db.$executeRaw`
      UPDATE "Conversation" c SET "spamScore" = top."spamScore", "spamReasons" = top."spamReasons"
        FROM (SELECT DISTINCT ON (m."conversationId") m."conversationId", m."spamScore", m."spamReasons"
                FROM "Message" m
               WHERE m."tenantId" = ${tenantId} AND m."conversationId" IN (SELECT "conversationId" FROM "Message"
                 WHERE "id" = ANY(${batch.map((m) => m.id)}::text[]) AND "tenantId" = ${tenantId})
                 AND m."spamScore" IS NOT NULL
               ORDER BY m."conversationId", m."spamScore" DESC) top
       WHERE c."id" = top."conversationId" AND c."tenantId" = ${tenantId}`;
    scored += batch.length;
    after = batch[batch.length - 1]!.id;
    onProgress?.(scored);
  }
  return scored;
}
