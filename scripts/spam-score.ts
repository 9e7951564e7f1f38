// npm run spam:score [-- --tenant <id>] — one-off after upgrading to spam detection: scores the incoming
// messages stored without a spam score (lib/spam-detection/score-stored-messages.ts) with each tenant's
// classifier, and gives their conversations the highest score. Moves nothing to Suspected, teaches
// nothing; safe to repeat. Tenants with spam detection off are skipped. On the embedded database, stop
// the server first (one process at a time); on PostgreSQL it may run beside it.
import { databaseOptionsFromEnv, openDatabase } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { env } from "@/lib/env";
import { scoreStoredMessages } from "@/lib/spam-detection/score-stored-messages";
import { parseBackfillArguments } from "./spam-backfill";

async function main(): Promise<void> {
  const parsed = parseBackfillArguments(process.argv.slice(2));
  if ("error" in parsed) {
    console.error(parsed.error.replace("spam:backfill", "spam:score"));
    process.exitCode = 2;
    return;
  }
  env();
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(database);
    const db = database.prisma;
    const tenants = await db.tenant.findMany({
      where: parsed.tenantId ? { id: parsed.tenantId } : {},
      select: { id: true, name: true },
      orderBy: { createdAt: "asc" },
    });
    if (parsed.tenantId && tenants.length === 0) {
      console.error(`No tenant with id ${parsed.tenantId}.`);
      process.exitCode = 1;
      return;
    }
    const started = Date.now();
    let total = 0;
    for (const tenant of tenants) {
      const scored = await scoreStoredMessages(db, tenant.id, (done) =>
        console.log(`${tenant.name}: ${done.toLocaleString("en-US")} messages scored`),
      );
      total += scored;
    }
    console.log(
      `Scored ${total.toLocaleString("en-US")} messages of ${tenants.length} tenant(s) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith("spam-score.ts")) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
