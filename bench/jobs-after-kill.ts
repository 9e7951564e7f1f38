// Part of the scale-out test (npm run bench -- --scale, PostgreSQL): listener jobs survive a kill -9.
//   An instance that only queues jobs (JOB_CONCURRENCY=0, so none can run before the kill) accepts
//   messages whose text holds a spam string, for a tenant with an enabled Spam Manager rule that flags any
//   sender of one — each 202 means its rules job ("spam-manager.record-strings-and-run-rules") is a row; the
//   strings themselves are recorded with the message — and is killed with SIGKILL. A new instance, started
//   afterwards, must run every one of them: each sender flagged by the rule (the Actions Log), the queue empty.
//   Some jobs are left as a worker that died while running them leaves them — locked by it, the attempt
//   counted — a minute ago: they too must run on the new instance (lib/events/worker-liveness.ts), not wait
//   for graphile-worker's 4-hour lock expiry.
import http from "node:http";
import type { BenchDatabases } from "./support/databases";
import { seedTenant } from "./support/seed";
import { startServer, type RunningServer } from "./support/server";
import { sleep } from "./support/stats";

const MESSAGES = 20;
/** Jobs left locked by the killed instance's (made-up) worker, as if it had been running them. */
const LOCKED_BY_DEAD_WORKER = 5;
const RUN_DEADLINE_MS = 60_000;

export interface JobsAfterKill {
  ok: boolean;
  accepted: number;
  queuedAtKill: number;
  /** Of those, jobs left locked by a dead worker (they must run too). */
  lockedByDeadWorker: number;
  /** Messages whose rules job the new instance ran (their sender flagged by the rule). */
  run: number;
  /** From the new instance's start to the last job done, ms. */
  runMs: number;
  lines: string[];
}

export async function checkJobsAfterKill(
  databases: BenchDatabases,
  stamp: (line: string) => void,
): Promise<JobsAfterKill> {
  const database = await databases.fresh();
  const handle = await database.open({ poolSize: 2 });
  const servers: RunningServer[] = [];
  try {
    const tenant = await seedTenant(handle, { agents: 1, apiKey: true, name: "Kill check" });
    // A rule with work for every message holding a string: each one's rules job is queued.
    const [rule] = await handle.rawQuery<{ id: string }>(
      `WITH action AS (
         INSERT INTO "SpamAction" ("id", "tenantId", "name", "type", "params")
         VALUES (gen_random_uuid()::text, $1, 'Flag', 'flag_review', '{}') RETURNING "id")
       INSERT INTO "SpamRule" ("id", "tenantId", "name", "enabled", "trigger", "params", "actionId")
       SELECT gen_random_uuid()::text, $1, 'Any string → flag', true, 'uncategorized_burst',
              '{"threshold": 1, "windowMinutes": 60}', action."id" FROM action
       RETURNING "id"`,
      [tenant.tenantId],
    );
    const queuing = await startServer({ env: { ...database.serverEnv(), JOB_CONCURRENCY: "0" } });
    servers.push(queuing);
    const contactIds: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const response = await postMessage(queuing.port, tenant.apiKey!, {
        channel: "whatsapp",
        from: `+1555020${String(i).padStart(4, "0")}`,
        text: `win big at http://kill-check-${i}-prizes.com/now`,
      });
      if (response.status === 202) contactIds.push((response.body as { contactId: string }).contactId);
    }
    const [queued] = await handle.rawQuery<{ n: number }>(
      "SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE attempts = 0",
    );
    await queuing.stop("SIGKILL");
    const locked = await handle.rawQuery<{ id: string }>(
      `UPDATE graphile_worker._private_jobs SET locked_by = 'worker-of-the-killed-instance',
              locked_at = now() - interval '1 minute', attempts = attempts + 1
        WHERE id IN (SELECT id FROM graphile_worker._private_jobs ORDER BY id LIMIT $1) RETURNING id::text`,
      [LOCKED_BY_DEAD_WORKER],
    );
    stamp(
      `kill -9 check: ${contactIds.length} messages accepted, ${queued?.n ?? 0} jobs queued, ` +
        "instance killed with SIGKILL",
    );

    const startedAt = Date.now();
    servers.push(await startServer({ env: database.serverEnv() }));
    let run = 0;
    let pending = -1;
    while (Date.now() - startedAt < RUN_DEADLINE_MS) {
      const [done] = await handle.rawQuery<{ n: number }>(
        `SELECT count(DISTINCT "contactId")::int AS n FROM "ActionLog"
          WHERE "ruleId" = $1 AND "status" = 'completed' AND "contactId" = ANY($2::text[])`,
        [rule!.id, contactIds],
      );
      const [left] = await handle.rawQuery<{ n: number }>("SELECT count(*)::int AS n FROM graphile_worker.jobs");
      run = done?.n ?? 0;
      pending = left?.n ?? 0;
      if (run === contactIds.length && pending === 0) break;
      await sleep(100);
    }
    const runMs = Date.now() - startedAt;
    const ok =
      contactIds.length === MESSAGES &&
      (queued?.n ?? 0) >= MESSAGES &&
      locked.length === LOCKED_BY_DEAD_WORKER &&
      run === MESSAGES &&
      pending === 0;
    return {
      ok,
      accepted: contactIds.length,
      queuedAtKill: queued?.n ?? 0,
      lockedByDeadWorker: locked.length,
      run,
      runMs,
      lines: [
        `  jobs after kill -9        ${contactIds.length} of ${MESSAGES} messages accepted by an instance that only ` +
          `queues jobs, ${queued?.n ?? 0} jobs queued when it was killed (SIGKILL);`,
        `                            ${locked.length} of them left locked by a worker of the killed instance, ` +
          "as if running;",
        `                            a new instance ran the rules job of ${run} of them, ${pending} jobs ` +
          `left, ${(runMs / 1000).toFixed(1)} s after its start began`,
      ],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await handle.close().catch(() => {});
  }
}

function postMessage(port: number, apiKey: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/messages",
        method: "POST",
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
