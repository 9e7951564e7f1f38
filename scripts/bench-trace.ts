// What one use case costs in statements: runs ingest (receiveIncomingMessage) or mark spam in-process
// on a fresh bench database with every Prisma statement traced, and prints them grouped by SQL with
// count, rows and time per call — the "find the cost" step before EXPLAIN ANALYZE.
//   tsx --conditions=react-server scripts/bench-trace.ts ingest [messages]      (DATABASE_URL: PostgreSQL)
//   tsx --conditions=react-server scripts/bench-trace.ts mark-spam [rounds]
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { markContactAsSpam, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import type { AgentActor, ServiceActor } from "@/lib/auth/actor";
import { BenchDatabases } from "@/bench/support/databases";
import { DEFAULT_INBOX_SHAPE, seedBusyContact, seedInbox, seedTenant } from "@/bench/support/seed";
import { planMessages } from "@/bench/ingest";
import type { StatementTrace } from "@/bench/support/traced-adapter";
import { borrowAsProcessDatabase } from "@/bench/support/process-database";
import { stopEventJobs, whenEventsIdle } from "@/lib/events/dispatch";

async function main(): Promise<void> {
  const [what = "ingest", countArg = "300"] = process.argv.slice(2);
  if (what !== "ingest" && what !== "mark-spam") throw new Error("usage: bench-trace.ts ingest|mark-spam [count]");
  const count = Number(countArg);
  const url = process.env.DATABASE_URL?.trim() || undefined;
  const databases = await BenchDatabases.create(url ? "postgres" : "embedded", url);
  try {
    const traces: StatementTrace[] = [];
    let recording = false;
    const database = await databases.fresh();
    const handle = await database.open({ hooks: { onStatement: (t) => recording && traces.push(t) } });
    // The use cases' caches (admission) and job queues follow the process database: this one.
    const giveBack = borrowAsProcessDatabase(handle);
    let run: () => Promise<unknown>;
    if (what === "ingest") {
      const tenant = await seedTenant(handle, { agents: 1, apiKey: true });
      const actor: ServiceActor = {
        kind: "service",
        tenantId: tenant.tenantId,
        apiKeyId: "bench",
        apiKeyName: "Bench",
        defaultAgentId: null,
      };
      const plan = planMessages(
        readSmsCorpus().map((e) => e.text),
        count * 2,
        Math.max(10, Math.floor(count / 3)),
      );
      let next = 0;
      run = () => {
        const message = plan[next++]!;
        return receiveIncomingMessage.fromUntrusted({
          db: handle.prisma,
          actor,
          input: { channel: message.channel, from: message.from, text: message.text },
        });
      };
    } else {
      const tenant = await seedTenant(handle, { agents: 200 });
      await seedInbox(handle, tenant, { ...DEFAULT_INBOX_SHAPE, conversations: 2_000, messagesPerConversation: 1 });
      const contactId = await seedBusyContact(handle, tenant, { index: 1, conversations: 1_000 });
      const a = tenant.agents[0]!;
      const actor: AgentActor = {
        kind: "agent",
        tenantId: tenant.tenantId,
        agentId: a.id,
        role: "SUPERVISOR",
        canSeeAllChats: true,
        name: a.name,
        email: a.email,
      };
      let spam = false;
      run = () => {
        spam = !spam;
        return (spam ? markContactAsSpam : unmarkContactAsSpam)({ db: handle.prisma, actor, contactId });
      };
    }
    for (let i = 0; i < count; i++) await run();
    recording = true;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await run();
    await whenEventsIdle(); // the listener jobs of those messages: their statements count too
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    recording = false;
    const groups = new Map<string, { calls: number; ms: number; rows: number }>();
    for (const t of traces) {
      const key = t.sql.replace(/\s+/g, " ").slice(0, 180);
      const g = groups.get(key) ?? { calls: 0, ms: 0, rows: 0 };
      g.calls++;
      g.ms += t.ms;
      g.rows += t.rows;
      groups.set(key, g);
    }
    const dbMs = traces.reduce((s, t) => s + t.ms, 0);
    console.log(
      `${count} × ${what} sequentially in-process: ${(totalMs / count).toFixed(2)} ms each, of which ` +
        `${(dbMs / count).toFixed(2)} ms waiting on ${(traces.length / count).toFixed(1)} statements`,
    );
    console.log("calls/op   ms/call  rows/call  SQL");
    for (const [sql, g] of [...groups].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(
        `${(g.calls / count).toFixed(2).padStart(8)}  ${(g.ms / g.calls).toFixed(3).padStart(7)}  ` +
          `${(g.rows / g.calls).toFixed(1).padStart(9)}  ${sql}`,
      );
    }
    await stopEventJobs();
    await giveBack();
    await handle.close();
  } finally {
    await databases.disposeAll();
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
