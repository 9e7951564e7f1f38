// npm run bench -- --scale — the scale-out test: any number of instances on the same DATABASE_URL and
// REDIS_URL behave as one.
//   Two production instances (A, B) on a fresh PostgreSQL database and a Redis of our own; 200 agents
//   (all "can see All chats"), 100 sockets on each instance; messages ingested at a fixed rate through
//   both (alternating, as a round-robin load balancer would); a few contacts marked and un-marked through
//   the API meanwhile. Then a failure phase — instance B drained, killed and restarted; Redis killed for
//   ~2 s and restarted — while the load goes on; then a recovery phase.
//   Checks: in the steady phases every agent received every event it should (by the room rules of
//   lib/realtime/rooms.ts), none twice; the database holds exactly the messages that were accepted; after
//   the run every agent's lists and counts, fetched through the API as the browser resyncs, equal the
//   database's truth; listener jobs queued by an instance killed with SIGKILL are run by a new one
//   (bench/jobs-after-kill.ts). Events missed during the outage are reported separately (clients resync by design).
import http from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import type { DatabaseHandle } from "@/lib/db";
import { rooms, roomsForConversationChange, planScopedDelivery } from "@/lib/realtime/rooms";
import { listFactsOf, type ConversationSummary, type ListFacts } from "@/lib/conversations/conversation-summary";
import { BenchDatabases } from "./support/databases";
import { seedTenant, type BenchTenant } from "./support/seed";
import { BENCH_AUTH_SECRET, ensureBuild, startServer, type RunningServer } from "./support/server";
import { OwnRedis } from "./support/redis";
import { connectMany, sessionCookie, type AgentSocket } from "./support/agent-sockets";
import { planMessages } from "./ingest";
import { sleep, summarize } from "./support/stats";
import { machineInfo } from "./support/report";
import { checkJobsAfterKill } from "./jobs-after-kill";

export interface ScaleOptions {
  databaseUrl?: string;
  redisUrl?: string;
  quick: boolean;
  log: (line: string) => void;
}

const AGENTS = 200;
const SPAM_CONTACTS = 5;
type Phase = "steady" | "outage" | "recovery";

interface SentMessage {
  index: number;
  instance: "A" | "B";
  sentAt: number;
  respondedAt: number;
  messageId: string;
  conversationId: string;
  contactId: string;
  phase: Phase;
}

interface SpamAction {
  contactId: string;
  spam: boolean;
  /** When the request was sent: its event can arrive before the response. */
  at: number;
  doneAt: number;
  instance: "A" | "B";
  phase: Phase;
}

interface AgentRecord {
  index: number;
  id: string;
  instance: "A" | "B";
  cookie: string;
  socket?: AgentSocket;
  /** message id → receive times (ms, performance.now()). */
  messages: Map<string, number[]>;
  /** `${contactId}:${spam}` → receive times. */
  spamChanges: Map<string, number[]>;
  /** Facts carried by the message.created events, to derive the rooms each message went to. */
  readyCount: number;
  disconnects: number;
}

const now = () => performance.now();

export async function runScaleTest(options: ScaleOptions): Promise<boolean> {
  const { log, quick } = options;
  if (!options.databaseUrl) {
    log(
      "--scale needs DATABASE_URL (a PostgreSQL server): several instances share one database. Example:\n  " +
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- --scale",
    );
    return false;
  }
  // 25 msg/s is what two instances sustain on 2 cores while fanning every message out to 200 sockets
  // (twice: message.created and notification.created); above it the test measures queueing.
  const rate = Number(process.env.BENCH_SCALE_RATE ?? 25);
  const steadySeconds = quick ? 10 : 30;
  const recoverySeconds = quick ? 5 : 10;
  const started = Date.now();
  const stamp = (line: string) => log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  stamp(
    `scale-out test: 2 instances, ${AGENTS} agents, ${rate} msg/s (steady ${steadySeconds} s, failure phase, ` +
      `recovery ${recoverySeconds} s)`,
  );
  ensureBuild(stamp);

  const databases = await BenchDatabases.create("postgres", options.databaseUrl, stamp);
  let redis: OwnRedis | undefined;
  const servers: Partial<Record<"A" | "B", RunningServer>> = {};
  const agents: AgentRecord[] = [];
  let handle: DatabaseHandle | undefined;
  try {
    // Redis of our own, so the failure phase may kill it; a given REDIS_URL is shared and never stopped.
    let redisUrl: string;
    let canStopRedis = true;
    try {
      redis = await OwnRedis.start();
      redisUrl = redis.url;
    } catch (error) {
      if (!options.redisUrl)
        throw new Error(
          `--scale needs redis-server on the PATH or REDIS_URL (${error instanceof Error ? error.message : error})`,
        );
      redisUrl = options.redisUrl;
      canStopRedis = false;
      stamp(
        `no redis-server to start: using REDIS_URL, and the Redis outage is skipped (a shared Redis is never stopped)`,
      );
    }

    const database = await databases.fresh();
    handle = await database.open({ poolSize: 4 });
    const tenant = await seedTenant(handle, { agents: AGENTS, apiKey: true });
    stamp(`database ${database.name}, Redis ${redisUrl}`);

    const env = database.serverEnv();
    [servers.A, servers.B] = await Promise.all([startServer({ env, redisUrl }), startServer({ env, redisUrl })]);
    stamp(`instances A :${servers.A.port} and B :${servers.B.port} up`);

    for (let i = 0; i < AGENTS; i++) {
      const agent = tenant.agents[i]!;
      agents.push({
        index: i,
        id: agent.id,
        instance: i < AGENTS / 2 ? "A" : "B",
        cookie: await sessionCookie(
          { id: agent.id, tenantId: tenant.tenantId, sessionId: agent.sessionId },
          BENCH_AUTH_SECRET,
        ),
        messages: new Map(),
        spamChanges: new Map(),
        readyCount: 0,
        disconnects: 0,
      });
    }
    const urlOf = (instance: "A" | "B") => servers[instance]!.url;
    const sockets = await connectMany(
      (i) => urlOf(agents[i]!.instance),
      agents.map((a) => a.cookie),
      { reconnection: true },
    );
    const factsByMessage = new Map<string, { after: ListFacts; previous: ListFacts | null; conversationId: string }>();
    sockets.forEach((socket, i) => {
      const agent = agents[i]!;
      agent.socket = socket;
      agent.readyCount = 1;
      socket.on("session.ready", () => agent.readyCount++);
      socket.on("disconnect", () => agent.disconnects++);
      socket.on("message.created", (event) => {
        push(agent.messages, event.message.id, now());
        if (!factsByMessage.has(event.message.id)) {
          const c: ConversationSummary = event.conversation;
          factsByMessage.set(event.message.id, {
            after: listFactsOf(c),
            previous: event.previous,
            conversationId: c.id,
          });
        }
      });
      socket.on("contact.spam_changed", (event) => push(agent.spamChanges, `${event.contactId}:${event.spam}`, now()));
    });
    stamp(`${sockets.length} agent sockets connected (${AGENTS / 2} on each instance)`);

    // ---- load ---------------------------------------------------------------------------------------
    const texts = readSmsCorpus().map((e) => e.text);
    const plan = planMessages(texts, Math.ceil(rate * (steadySeconds + recoverySeconds + 60)), 300);
    const httpAgents = {
      A: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      B: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    };
    const sent: SentMessage[] = [];
    const failed: Array<{ index: number; error: string }> = [];
    const inflight = { A: 0, B: 0 };
    const routable = { A: true, B: true };
    let phase: Phase = "steady";
    let next = 0;
    let turn = 0;

    const request = (instance: "A" | "B", method: string, urlPath: string, body?: unknown, cookie?: string) =>
      httpJson(
        httpAgents[instance],
        servers[instance]!.port,
        method,
        urlPath,
        body,
        cookie ? { cookie } : { authorization: `Bearer ${tenant.apiKey}` },
      );

    const pickInstance = (): "A" | "B" => {
      const order: Array<"A" | "B"> = turn++ % 2 === 0 ? ["A", "B"] : ["B", "A"];
      return order.find((i) => routable[i]) ?? "A";
    };

    const sendOne = async () => {
      const index = next++;
      const message = plan[index];
      if (!message) return;
      const instance = pickInstance();
      const messagePhase = phase;
      const sentAt = now();
      inflight[instance]++;
      try {
        const response = await request(instance, "POST", "/api/v1/messages", {
          channel: message.channel,
          from: message.from,
          text: message.text,
        });
        if (response.status !== 202)
          throw new Error(`HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`);
        const result = response.body as {
          messageId: string;
          conversationId: string;
          contactId: string;
          admitted: boolean;
        };
        sent.push({
          index,
          instance,
          sentAt,
          respondedAt: now(),
          messageId: result.messageId,
          conversationId: result.conversationId,
          contactId: result.contactId,
          phase: messagePhase,
        });
      } catch (error) {
        failed.push({ index, error: error instanceof Error ? error.message : String(error) });
      } finally {
        inflight[instance]--;
      }
    };
    // Warm both instances up (first requests load the route modules), outside the measured phases.
    const warmUpMessages = plan.splice(0, 40);
    for (let i = 0; i < warmUpMessages.length; i += 10) {
      await Promise.all(
        warmUpMessages.slice(i, i + 10).map((m, j) =>
          request(j % 2 === 0 ? "A" : "B", "POST", "/api/v1/messages", {
            channel: m.channel,
            from: m.from,
            text: m.text,
          }).then((r) => {
            if (r.status !== 202)
              throw new Error(`warm-up ingest failed: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          }),
        ),
      );
    }
    await sleep(1000);
    for (const agent of agents) {
      agent.messages.clear();
    }
    factsByMessage.clear();

    // A fixed offered rate; when the instances fall behind, at most MAX_IN_FLIGHT requests wait and the
    // rest of that tick is dropped (the achieved rate is reported).
    const MAX_IN_FLIGHT = 32;
    let dropped = 0;
    const pending = new Set<Promise<void>>();
    const ticker = setInterval(() => {
      if (inflight.A + inflight.B >= MAX_IN_FLIGHT) {
        dropped++;
        return;
      }
      const p = sendOne();
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }, 1000 / rate);

    // Marks and un-marks: a few contacts that are also writing, toggled through both instances.
    const spamActions: SpamAction[] = [];
    const spamFailures: string[] = [];
    let spamRunning = true;
    const spamLoop = (async () => {
      let contacts: string[] = [];
      while (spamRunning && contacts.length < SPAM_CONTACTS) {
        await sleep(200);
        contacts = [...new Set(sent.map((s) => s.contactId))].slice(0, SPAM_CONTACTS);
      }
      const marked = new Map<string, boolean>();
      let k = 0;
      while (spamRunning && contacts.length) {
        const contactId = contacts[k % contacts.length]!;
        const spam = !marked.get(contactId);
        const instance = pickInstance();
        const actionPhase = phase;
        const actionStartedAt = now();
        inflight[instance]++;
        try {
          const response = await request(instance, spam ? "POST" : "DELETE", `/api/v1/contacts/${contactId}/spam`);
          const body = response.body as { changed?: boolean };
          if (response.status !== 200 || !body.changed)
            throw new Error(`HTTP ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
          marked.set(contactId, spam);
          spamActions.push({ contactId, spam, at: actionStartedAt, doneAt: now(), instance, phase: actionPhase });
        } catch (error) {
          spamFailures.push(error instanceof Error ? error.message : String(error));
        } finally {
          inflight[instance]--;
        }
        k++;
        await sleep(quick ? 700 : 1500);
      }
    })();

    // ---- steady ---------------------------------------------------------------------------------------
    await sleep(steadySeconds * 1000);
    stamp(`steady phase done: ${sent.length} messages accepted, ${spamActions.length} spam marks/un-marks`);

    // ---- failure: restart B, then kill Redis for ~2 s --------------------------------------------------
    phase = "outage";
    const outageStartedAt = now();
    const outageTimeline: Array<{ what: string; s: number }> = [];
    const mark = (what: string) => outageTimeline.push({ what, s: (now() - outageStartedAt) / 1000 });
    routable.B = false; // the load balancer takes B out…
    while (inflight.B > 0) await sleep(10); // …and lets its requests finish
    const bKilledAt = now();
    await servers.B.stop("SIGKILL");
    mark("B killed");
    stamp("instance B killed (after draining); restarting it");
    servers.B = await startServer({ env, redisUrl, port: servers.B.port });
    routable.B = true;
    mark("B serving");
    stamp("instance B back");
    let redisOutage = "skipped (shared Redis)";
    // Every agent must be told to resync once Redis is back: every instance's subscriber lost it, and an
    // instance tells all its sockets when its subscriber is back (lib/realtime/io-server.ts); a socket
    // still reconnecting hears it on connect.
    let readyBeforeRedis = agents.map((a) => a.readyCount);
    if (canStopRedis && redis) {
      await redis.stop();
      mark("Redis killed");
      const stoppedAt = Date.now();
      stamp("Redis killed");
      await sleep(2000);
      await redis.resume();
      readyBeforeRedis = agents.map((a) => a.readyCount);
      mark("Redis back");
      redisOutage = `${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`;
      stamp(`Redis back after ${redisOutage}`);
    }
    // Recovered: every socket connected again (those on B reconnected to the new B).
    const deadline = Date.now() + 30_000;
    while (agents.some((a) => !a.socket!.connected) && Date.now() < deadline) await sleep(50);
    const unconnected = agents.filter((a) => !a.socket!.connected).length;
    const notResynced = () => agents.filter((a, i) => a.readyCount <= readyBeforeRedis[i]!).length;
    while (notResynced() > 0 && Date.now() < deadline) await sleep(50);
    const unresynced = notResynced();
    const outageEndedAt = now();
    mark("recovery phase");
    phase = "recovery";
    stamp(`all sockets connected again (${unconnected} not), all told to resync (${unresynced} not); recovery phase`);

    await sleep(recoverySeconds * 1000);
    clearInterval(ticker);
    spamRunning = false;
    await spamLoop;
    await Promise.all(pending);
    await sleep(3000); // last events in flight
    stamp(
      `load stopped: ${sent.length} messages accepted, ${failed.length} failed requests, ` +
        `${spamActions.length} spam changes`,
    );

    // ---- analysis -------------------------------------------------------------------------------------
    // Phases by when the event was emitted (before the response): the outage runs from just before B is
    // killed (frames still in its socket buffers die with it) until every socket is back.
    const outageFrom = bKilledAt - 250;
    const phaseOf = (sentAt: number, respondedAt: number): Phase =>
      respondedAt < outageFrom ? "steady" : sentAt > outageEndedAt ? "recovery" : "outage";
    for (const message of sent) message.phase = phaseOf(message.sentAt, message.respondedAt);
    for (const action of spamActions) action.phase = phaseOf(action.at, action.doneAt);
    const agentRooms = (agent: AgentRecord) =>
      new Set([rooms.tenant(tenant.tenantId), rooms.agent(agent.id), rooms.tenantAllChats(tenant.tenantId)]);
    const messageReport = emptyPhaseReport();
    /** Missed deliveries by phase and direction, with send times relative to the start of the failure phase. */
    const missedDetail: Record<string, { deliveries: number; firstSentS: number; lastSentS: number }> = {};
    const latencies: Record<Phase, number[]> = { steady: [], outage: [], recovery: [] };
    const sendLatencies: Record<Phase, number[]> = { steady: [], outage: [], recovery: [] };
    for (const message of sent) {
      const facts = factsByMessage.get(message.messageId);
      // Who should hear of it: rooms.ts's rule for a conversation change (every All-chats agent at least).
      const target = facts
        ? roomsForConversationChange(tenant.tenantId, facts.conversationId, facts.after, facts.previous)
        : [rooms.tenantAllChats(tenant.tenantId)];
      for (const agent of agents) {
        const should = target.some((room) => agentRooms(agent).has(room));
        const got = agent.messages.get(message.messageId) ?? [];
        account(messageReport[message.phase], should, got.length, agent.index);
        if (should && got.length === 0) {
          const key = `${message.phase}: ${message.instance} → agents on ${agent.instance}`;
          const d = (missedDetail[key] ??= { deliveries: 0, firstSentS: Infinity, lastSentS: -Infinity });
          d.deliveries++;
          const t = (message.sentAt - outageStartedAt) / 1000;
          d.firstSentS = Math.min(d.firstSentS, t);
          d.lastSentS = Math.max(d.lastSentS, t);
        }
        for (const at of got) {
          latencies[message.phase].push(Math.max(0, at - message.respondedAt));
          sendLatencies[message.phase].push(at - message.sentAt);
        }
      }
    }
    const spamReport = emptyPhaseReport();
    const actionsByKey = new Map<string, SpamAction[]>();
    for (const action of spamActions) push(actionsByKey, `${action.contactId}:${action.spam}`, action);
    for (const [key, actions] of actionsByKey) {
      // Every All-chats agent gets one contact.spam_changed per change (planScopedDelivery's first delivery).
      const deliveries = planScopedDelivery(tenant.tenantId, []);
      for (const agent of agents) {
        const should = deliveries.some(
          (d) => agentRooms(agent).has(d.to) && !d.except.some((room) => agentRooms(agent).has(room)),
        );
        const received = agent.spamChanges.get(key) ?? [];
        // Match each receipt to the latest action with this key done before it (+ a little clock slack).
        const counts = actions.map(() => 0);
        for (const at of received) {
          let match = -1;
          actions.forEach((action, i) => {
            if (action.at <= at) match = i;
          });
          counts[Math.max(0, match)]!++;
        }
        actions.forEach((action, i) => account(spamReport[action.phase], should, counts[i]!, agent.index));
      }
    }

    const [dbCount] = await handle.rawQuery<{ n: string }>(
      `SELECT count(*) AS n FROM "Message" WHERE "tenantId" = $1`,
      [tenant.tenantId],
    );
    const storedMessages = Number(dbCount?.n ?? 0);

    // Resync as the browser does on session.ready: each agent fetches its lists and counts through its
    // instance with its session cookie; all must equal the database's truth.
    const truth = await listTruth(handle, tenant);
    let listMismatches = 0;
    const mismatchExamples: string[] = [];
    await forEachLimit(agents, 20, async (agent) => {
      for (const list of ["all", "mine", "unassigned", "spam"] as const) {
        const response = await request(
          agent.instance,
          "GET",
          `/api/v1/conversations?list=${list}`,
          undefined,
          agent.cookie,
        );
        const ids = ((response.body as { items?: Array<{ id: string }> }).items ?? []).map((c) => c.id).join();
        const expected = (list === "mine" ? (truth.mine.get(agent.id) ?? []) : truth[list]).join();
        if (response.status !== 200 || ids !== expected) {
          listMismatches++;
          if (mismatchExamples.length < 5)
            mismatchExamples.push(`agent ${agent.index} ${list}: HTTP ${response.status}`);
        }
      }
      const counts = await request(agent.instance, "GET", `/api/v1/conversations/counts`, undefined, agent.cookie);
      const body = counts.body as Record<string, number>;
      const expected = {
        all: truth.counts.all,
        mine: truth.counts.mine.get(agent.id) ?? 0,
        unassigned: truth.counts.unassigned,
        spam: truth.counts.spam,
      };
      if (counts.status !== 200 || Object.entries(expected).some(([k, v]) => body[k] !== v)) {
        listMismatches++;
        if (mismatchExamples.length < 5)
          mismatchExamples.push(`agent ${agent.index} counts: ${JSON.stringify(body)} vs ${JSON.stringify(expected)}`);
      }
    });
    await handle.close();
    handle = undefined;

    // ---- listener jobs survive a kill -9 (a database and instances of its own) -----------------------------
    const jobsAfterKill = await checkJobsAfterKill(databases, stamp);

    // ---- verdict --------------------------------------------------------------------------------------
    const steadyMissed =
      messageReport.steady.missed +
      messageReport.recovery.missed +
      spamReport.steady.missed +
      spamReport.recovery.missed;
    const duplicated = (["steady", "outage", "recovery"] as const).reduce(
      (n, p) => n + messageReport[p].duplicated + spamReport[p].duplicated,
      0,
    );
    const lost = warmUpMessages.length + sent.length - storedMessages;
    const steadyLatency = summarize([...latencies.steady, ...latencies.recovery]);
    const steadySendLatency = summarize([...sendLatencies.steady, ...sendLatencies.recovery]);
    const achievedRate = sent.length / ((outageEndedAt - outageStartedAt) / 1000 + steadySeconds + recoverySeconds);
    const ok =
      steadyMissed === 0 &&
      duplicated === 0 &&
      lost === 0 &&
      failed.length === 0 &&
      spamFailures.length === 0 &&
      listMismatches === 0 &&
      unconnected === 0 &&
      unresynced === 0 &&
      jobsAfterKill.ok;

    const lines = [
      "",
      "Scale-out test (2 instances, PostgreSQL + Redis)",
      `  agents                    ${AGENTS} (${AGENTS / 2} sockets on each instance), all with "can see All chats"`,
      `  messages accepted         ${sent.length} at ~${achievedRate.toFixed(0)} msg/s (offered ${rate}/s, ` +
        `${dropped} ticks dropped at ${MAX_IN_FLIGHT} in flight), alternating A/B; failed requests ${failed.length}`,
      `  stored in the database    ${storedMessages} = ${warmUpMessages.length} warm-up + ${sent.length} accepted? ` +
        `lost: ${lost}`,
      `  spam marks/un-marks       ${spamActions.length} on ${SPAM_CONTACTS} ` +
        `contacts${spamFailures.length ? `, ${spamFailures.length} FAILED (${spamFailures[0]})` : ""}`,
      `  steady + recovery phases  message.created: expected ` +
        `${messageReport.steady.expected + messageReport.recovery.expected}, missed ` +
        `${messageReport.steady.missed + messageReport.recovery.missed}, duplicated ` +
        `${messageReport.steady.duplicated + messageReport.recovery.duplicated}`,
      `                            contact.spam_changed: expected ` +
        `${spamReport.steady.expected + spamReport.recovery.expected}, missed ` +
        `${spamReport.steady.missed + spamReport.recovery.missed}, duplicated ` +
        `${spamReport.steady.duplicated + spamReport.recovery.duplicated}`,
      `  failure phase             B drained, killed and restarted; Redis outage ${redisOutage}; ` +
        `${((outageEndedAt - outageStartedAt) / 1000).toFixed(1)} s until every socket was back`,
      `                            missed during the outage (resynced by design): message.created ` +
        `${messageReport.outage.missed} of ${messageReport.outage.expected} ` +
        `(${messageReport.outage.agentsAffected.size} agents), contact.spam_changed ${spamReport.outage.missed} of ` +
        `${spamReport.outage.expected}; duplicated ` +
        `${messageReport.outage.duplicated + spamReport.outage.duplicated}`,
      `  delivery latency          ingest response → event received: median ${steadyLatency.median.toFixed(1)} ms, ` +
        `p95 ${steadyLatency.p95.toFixed(1)} ms, p99 ${steadyLatency.p99.toFixed(1)} ms (steady phases, ` +
        `${steadyLatency.n} deliveries)`,
      `                            request sent → event received: median ${steadySendLatency.median.toFixed(1)} ms, ` +
        `p95 ${steadySendLatency.p95.toFixed(1)} ms`,
      `  resync after the run      ${AGENTS} agents × (4 lists + counts) through their instance: ` +
        (listMismatches === 0 ? "all equal the database" : `${listMismatches} DIFFER (${mismatchExamples.join("; ")})`),
      `  sockets not reconnected   ${unconnected}`,
      `  not told to resync        ${unresynced} (after the Redis outage: reconnected, or told by their instance ` +
        `once its subscriber was back)`,
      ...Object.entries(missedDetail).map(
        ([k, d]) =>
          `  missed ${k.padEnd(34)} ${d.deliveries} deliveries, messages sent ` +
          `${d.firstSentS.toFixed(1)}…${d.lastSentS.toFixed(1)} s after the failure phase began`,
      ),
      `  failure timeline          ${outageTimeline.map((e) => `${e.what} +${e.s.toFixed(1)} s`).join(", ")}`,
      ...jobsAfterKill.lines,
      `  result                    ${ok ? "PASS" : "FAIL"}`,
    ];
    for (const line of lines) log(line);

    const report = {
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      quick,
      machine: machineInfo(),
      rate,
      achievedRate,
      droppedTicks: dropped,
      agents: AGENTS,
      accepted: sent.length,
      stored: storedMessages,
      lost,
      failedRequests: failed.slice(0, 20),
      spamActions: spamActions.length,
      spamFailures,
      steady: { messages: messageReport.steady, spam: spamReport.steady },
      recovery: { messages: messageReport.recovery, spam: spamReport.recovery },
      outage: {
        redisOutage,
        seconds: (outageEndedAt - outageStartedAt) / 1000,
        messages: messageReport.outage,
        spam: spamReport.outage,
      },
      deliveryLatencyMs: steadyLatency,
      sendToReceiveMs: steadySendLatency,
      missedDetail,
      outageTimeline,
      listMismatches,
      mismatchExamples,
      unconnected,
      unresynced,
      jobsAfterKill: {
        ok: jobsAfterKill.ok,
        accepted: jobsAfterKill.accepted,
        queuedAtKill: jobsAfterKill.queuedAtKill,
        lockedByDeadWorker: jobsAfterKill.lockedByDeadWorker,
        run: jobsAfterKill.run,
        runMs: jobsAfterKill.runMs,
      },
      pass: ok,
    };
    const dir = path.resolve(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${report.startedAt.slice(0, 10)}-scale${quick ? "-quick" : ""}.json`);
    writeFileSync(file, `${JSON.stringify(report, (_k, v: unknown) => (v instanceof Set ? v.size : v), 2)}\n`);
    log(`\nWrote ${path.relative(process.cwd(), file)}`);
    for (const a of Object.values(httpAgents)) a.destroy();
    return ok;
  } finally {
    for (const agent of agents) agent.socket?.disconnect();
    await Promise.all(Object.values(servers).map((s) => s?.stop()));
    await handle?.close().catch(() => {});
    await redis?.stop();
    await databases.disposeAll();
  }
}

interface PhaseReport {
  expected: number;
  received: number;
  missed: number;
  duplicated: number;
  agentsAffected: Set<number>;
}

function emptyPhaseReport(): Record<Phase, PhaseReport> {
  const make = (): PhaseReport => ({ expected: 0, received: 0, missed: 0, duplicated: 0, agentsAffected: new Set() });
  return { steady: make(), outage: make(), recovery: make() };
}

function account(report: PhaseReport, should: boolean, got: number, agentIndex: number): void {
  if (should) report.expected++;
  report.received += got;
  const missed = should && got === 0 ? 1 : 0;
  const duplicated = Math.max(0, got - (should ? 1 : 0));
  report.missed += missed;
  report.duplicated += duplicated;
  if (missed || duplicated) report.agentsAffected.add(agentIndex);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function forEachLimit<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

function httpJson(
  agent: http.Agent,
  port: number,
  method: string,
  urlPath: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: urlPath,
        method,
        agent,
        headers: {
          ...headers,
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(payload);
  });
}

/** The first page of every list and the counts, straight from the database. */
async function listTruth(handle: DatabaseHandle, tenant: BenchTenant) {
  const page = async (where: string, params: unknown[]) =>
    (
      await handle.rawQuery<{ id: string }>(
        `SELECT "id" FROM "Conversation" WHERE "tenantId" = $1 AND ${where}
         ORDER BY "lastMessageAt" DESC, "id" DESC LIMIT 50`,
        [tenant.tenantId, ...params],
      )
    ).map((r) => r.id);
  const count = async (where: string, params: unknown[]) =>
    Number(
      (
        await handle.rawQuery<{ n: string }>(
          `SELECT count(*) AS n FROM "Conversation" WHERE "tenantId" = $1 AND ${where}`,
          [tenant.tenantId, ...params],
        )
      )[0]?.n ?? 0,
    );
  const mine = new Map<string, string[]>();
  const mineCounts = new Map<string, number>();
  for (const agent of tenant.agents) {
    mine.set(agent.id, await page(`"bucket" = 'active' AND "assigneeId" = $2`, [agent.id]));
    mineCounts.set(agent.id, await count(`"bucket" = 'active' AND "assigneeId" = $2`, [agent.id]));
  }
  return {
    all: await page(`"bucket" = 'active'`, []),
    unassigned: await page(`"bucket" = 'active' AND "assigneeId" IS NULL`, []),
    spam: await page(`"bucket" = 'spam'`, []),
    mine,
    counts: {
      all: await count(`"bucket" = 'active'`, []),
      unassigned: await count(`"bucket" = 'active' AND "assigneeId" IS NULL`, []),
      spam: await count(`"bucket" = 'spam'`, []),
      mine: mineCounts,
    },
  };
}
