// npm run spam:backfill [-- --tenant <id>] — re-extracts the spam strings of the retained incoming
// messages with the current extractor (lib/spam-manager/reextract.ts), printing progress, so the Spam
// Manager's lists reflect new extraction rules. Safe to run again; no rule runs. On the embedded
// database, stop the server first (one process at a time); on PostgreSQL it may run beside it.
import { databaseOptionsFromEnv, openDatabase } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/schema-engine";
import { env } from "@/lib/env";
import { reextractSpamStrings, type ReextractProgress } from "@/lib/spam-manager/reextract";

const USAGE = "usage: npm run spam:backfill [-- --tenant <tenant id>]";

export function parseBackfillArguments(argv: readonly string[]): { tenantId?: string } | { error: string } {
  let tenantId: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--tenant" && argv[i + 1] && !argv[i + 1]!.startsWith("--")) tenantId = argv[++i];
    else if (arg.startsWith("--tenant=") && arg.length > 9) tenantId = arg.slice(9);
    else return { error: `unknown or incomplete argument ${arg}\n${USAGE}` };
  }
  return tenantId ? { tenantId } : {};
}

/** "Demo tenant: 1,500/5,574 messages (27%)". */
export function formatProgress({ tenantName, done, total }: ReextractProgress): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `${tenantName}: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} messages (${percent}%)`;
}

async function main(): Promise<void> {
  const parsed = parseBackfillArguments(process.argv.slice(2));
  if ("error" in parsed) {
    console.error(parsed.error);
    process.exitCode = 2;
    return;
  }
  env();
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateDatabase(database);
    const started = Date.now();
    const result = await reextractSpamStrings(database.prisma, {
      ...parsed,
      onProgress: (progress) => console.log(formatProgress(progress)),
    });
    if (parsed.tenantId && result.tenants === 0) {
      console.error(`No tenant with id ${parsed.tenantId}.`);
      process.exitCode = 1;
      return;
    }
    console.log(
      `Re-extracted ${result.messages.toLocaleString("en-US")} messages of ${result.tenants} tenant(s) in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${result.added} occurrences added, ${result.removed} removed, ${result.kept} kept; ` +
        `${result.stringsDeleted} strings left without posts deleted.`,
    );
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith("spam-backfill.ts")) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
