// The planner's statistics on the embedded database. PostgreSQL's autovacuum gathers them (ANALYZE) as tables
// change; PGlite runs no autovacuum and keeps no change counters (pg_stat_user_tables stays at 0), so its
// planner guessed forever: a table it had never analyzed was "a few rows" whatever it held. Measured: the
// Spam Manager's "ban everyone who posted this" preview over 17,000 posters took 63 s on guesses and 0.27 s
// after an ANALYZE of 0.5 s. So on the embedded database this job analyzes, every few minutes, each table
// that has grown by a tenth (and 8 pages) since it was last analyzed — its size on disk against the pages
// recorded then, both read from the catalog without touching a row.
import "server-only";
import type { Db } from "@/lib/db";
import type { Job } from "@/lib/jobs/scheduler";

/** The tables of the app's schema that have grown past the last statistics, analyzed one by one; their names. */
export async function analyzeGrownTables(db: Db): Promise<string[]> {
  const grown = await db.$queryRaw<Array<{ table: string }>>`
    SELECT c.relname AS "table"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r'
       AND pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 1.1 + 8
     ORDER BY c.relname`;
  for (const { table } of grown) await db.$executeRawUnsafe(`ANALYZE "${table.replaceAll('"', '""')}"`);
  return grown.map((row) => row.table);
}

export const embeddedStatisticsJob: Job = {
  name: "embedded-statistics",
  intervalMs: 5 * 60_000,
  // Not in a start's first minutes, which are busy enough (and whose tables are small). Measured: ANALYZEs landing
  // in the ingest benchmark's 1,500-message phases doubled what a refused request seemed to cost (0.38 ms
  // against 0.19 with the first run after the benchmark).
  firstRunAfterMs: 5 * 60_000,
  run: async (db) => ({ analyzed: await analyzeGrownTables(db) }),
};
