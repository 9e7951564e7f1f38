// Figure 3 — Mark spam on a contact with 1,000 conversations, with 200 agents connected:
//  - action latency: markContactAsSpam / unmarkContactAsSpam as the app runs them (alternating), in
//    process; target p95 ≤ 50 ms on PostgreSQL. Informative floor: the same writes as hand-written SQL
//    (lock, mark, trait, move the 1,000 conversations, 1,000 timeline events, audit, the newest rows
//    the event carries) in one transaction, on a second contact of the same shape.
//  - delivery: from the COMMIT of the mark's transaction (seen by a tracing wrapper around the driver
//    adapter) until all 200 agent sockets received contact.spam_changed; target p95 ≤ 25 ms. Floor: a
//    bare io.emit() of the same payload (captured from a real mark) to the same 200 sockets, timed from
//    the emit call the same way.
// The server side is the app's attachRealtime() on an HTTP server in this process; the 200 sockets live
// in a child process (bench/support/socket-client-process.ts), as browsers live elsewhere.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { attachRealtime } from "@/lib/realtime/io-server";
import { markContactAsSpam, SPAM_EVENT_ROWS, unmarkContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import type { AgentActor } from "@/lib/auth/actor";
import type { DatabaseHandle } from "@/lib/db";
import type { BenchContext } from "./support/context";
import { DEFAULT_INBOX_SHAPE, seedBusyContact, seedInbox, seedTenant } from "./support/seed";
import { sessionCookie } from "./support/agent-sockets";
import { SocketClients } from "./support/socket-clients";
import { BENCH_AUTH_SECRET } from "./support/server";
import { msBetween, summarize } from "./support/stats";
import type { FigureRow } from "./support/report";

const AGENTS = 200;
const CONVERSATIONS = 1_000;

export async function benchMarkSpam(ctx: BenchContext): Promise<FigureRow[]> {
  const rounds = ctx.quick ? 8 : 40;
  const warmUp = ctx.quick ? 2 : 4;
  const database = await ctx.databases.fresh();
  let lastCommitAt: bigint | undefined;
  const handle = await database.open({ poolSize: 10, hooks: { onCommit: (at) => (lastCommitAt = at) } });
  const httpServer = createServer((_req, res) => res.writeHead(404).end());
  let clients: SocketClients | undefined;
  let realtime: Awaited<ReturnType<typeof attachRealtime>> | undefined;
  try {
    const tenant = await seedTenant(handle, { agents: AGENTS });
    await seedInbox(handle, tenant, {
      ...DEFAULT_INBOX_SHAPE,
      conversations: ctx.quick ? 1_000 : 10_000,
      messagesPerConversation: 2,
    });
    const contactId = await seedBusyContact(handle, tenant, { index: 1, conversations: CONVERSATIONS });
    const floorContactId = await seedBusyContact(handle, tenant, { index: 2, conversations: CONVERSATIONS });
    await handle.rawQuery(`VACUUM ANALYZE`);
    const marker = tenant.agents[0]!;
    const actor: AgentActor = {
      kind: "agent",
      tenantId: tenant.tenantId,
      agentId: marker.id,
      role: "SUPERVISOR",
      canSeeAllChats: true,
      name: marker.name,
      email: marker.email,
    };

    realtime = await attachRealtime(httpServer, { database: handle, secret: BENCH_AUTH_SECRET });
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const cookies = await Promise.all(
      tenant.agents.map((a) =>
        sessionCookie({ id: a.id, tenantId: tenant.tenantId, sessionId: a.sessionId }, BENCH_AUTH_SECRET),
      ),
    );
    clients = await SocketClients.start(url, cookies);
    ctx.log(
      `  mark spam: ${AGENTS} agent sockets connected (child process); contact with ${CONVERSATIONS} conversations; ` +
        `${rounds} rounds after ${warmUp} warm-up`,
    );

    const io = realtime.io;
    let spam = false;
    const oneMark = async () => {
      spam = !spam;
      lastCommitAt = undefined;
      const started = process.hrtime.bigint();
      let commitAt: bigint | undefined;
      let returnedAt = 0n;
      const delivery = await clients!.deliver("contact.spam_changed", { contactId, spam }, async () => {
        const result = await (spam ? markContactAsSpam : unmarkContactAsSpam)({ db: handle.prisma, actor, contactId });
        returnedAt = process.hrtime.bigint();
        commitAt = lastCommitAt;
        if (!result.changed || result.conversationsMoved !== CONVERSATIONS)
          throw new Error(`mark moved ${result.conversationsMoved} conversations`);
      });
      if (commitAt === undefined) throw new Error("no COMMIT seen for the mark's transaction");
      if (delivery.duplicates) throw new Error(`${delivery.duplicates} sockets received the move twice`);
      return { actionMs: msBetween(started, returnedAt), deliveryMs: msBetween(commitAt, delivery.lastAt), spam };
    };
    let floorSpam = false;
    const oneFloorAction = async () => {
      floorSpam = !floorSpam;
      const started = process.hrtime.bigint();
      await markBySql(handle, {
        tenantId: tenant.tenantId,
        contactId: floorContactId,
        spam: floorSpam,
        actorId: marker.id,
        actorName: marker.name,
      });
      return msBetween(started, process.hrtime.bigint());
    };

    // A real event's payload for the broadcast floor, from a warm-up mark.
    const payload = (await clients.capture("contact.spam_changed", async () => {
      await oneMark();
    })) as { contactId: string; spam: boolean };
    await oneMark(); // back to unmarked
    const oneBroadcast = async () => {
      let emittedAt = 0n;
      const delivery = await clients!.deliver(
        "contact.spam_changed",
        { contactId: payload.contactId, spam: payload.spam },
        async () => {
          emittedAt = process.hrtime.bigint();
          io.emit("contact.spam_changed", payload as never);
        },
      );
      return msBetween(emittedAt, delivery.lastAt);
    };

    for (let i = 0; i < warmUp; i++) {
      await oneMark();
      await oneFloorAction();
      await oneBroadcast();
    }
    const action: number[] = [];
    const actionBySide: Record<"mark" | "unmark", number[]> = { mark: [], unmark: [] };
    const delivery: number[] = [];
    const floorAction: number[] = [];
    const broadcast: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const round = await oneMark();
      action.push(round.actionMs);
      actionBySide[round.spam ? "mark" : "unmark"].push(round.actionMs);
      delivery.push(round.deliveryMs);
      floorAction.push(await oneFloorAction());
      broadcast.push(await oneBroadcast());
    }

    const actionSummary = summarize(action);
    const floorActionSummary = summarize(floorAction);
    const deliverySummary = summarize(delivery);
    const broadcastSummary = summarize(broadcast);
    const payloadBytes = Buffer.byteLength(JSON.stringify(payload));
    if (process.env.BENCH_DUMP_PAYLOAD)
      console.log(
        JSON.stringify(payload).slice(0, 3000),
        Object.entries(payload).map(([k, v]) => `${k}: ${JSON.stringify(v).length}`),
      );
    const notes =
      `${AGENTS} agent sockets (all "can see All chats") in a child process, ` +
      `contact with ${CONVERSATIONS} conversations, ` +
      `${rounds} rounds alternating mark/un-mark after ${warmUp} warm-up; ` +
      `event ${Math.round(payloadBytes / 1024)} KB; ` +
      `mark p95 ${summarize(actionBySide.mark).p95.toFixed(1)} ms, ` +
      `un-mark p95 ${summarize(actionBySide.unmark).p95.toFixed(1)} ms`;
    return [
      {
        figure: "3 mark spam",
        label: "action latency (mark/un-mark)",
        unit: "ms",
        value: { median: actionSummary.median, p95: actionSummary.p95 },
        floor: { median: floorActionSummary.median, p95: floorActionSummary.p95 },
        ratio: actionSummary.p95 / floorActionSummary.p95,
        ratioOf: "p95",
        target: ctx.kind === "postgres" ? "p95 ≤ 50 ms" : "p95 ≤ 50 ms on PG",
        pass: ctx.kind === "postgres" ? actionSummary.p95 <= 50 : null,
        notes,
        details: {
          action: actionSummary,
          floorAction: floorActionSummary,
          mark: summarize(actionBySide.mark),
          unmark: summarize(actionBySide.unmark),
        },
      },
      {
        figure: "3 mark spam",
        label: "commit → 200 sockets have it",
        unit: "ms",
        value: { median: deliverySummary.median, p95: deliverySummary.p95 },
        floor: { median: broadcastSummary.median, p95: broadcastSummary.p95 },
        ratio: deliverySummary.p95 / broadcastSummary.p95,
        ratioOf: "p95",
        target: "p95 ≤ 25 ms",
        pass: deliverySummary.p95 <= 25,
        notes,
        details: { delivery: deliverySummary, broadcast: broadcastSummary, payloadBytes },
      },
    ];
  } finally {
    await clients?.close();
    await realtime?.close();
    httpServer.closeAllConnections();
    await new Promise((resolve) => httpServer.close(resolve));
    await handle.close();
  }
}

/**
 * The floor for the action: what marking writes, by hand, in one transaction — lock and mark the
 * contact, set the "Marked as Spam" trait, move every conversation (reading what each was before, for
 * the counts the event carries) and add a timeline event to each, audit, and read the newest rows
 * the event carries (SPAM_EVENT_ROWS).
 */
async function markBySql(
  handle: DatabaseHandle,
  {
    tenantId,
    contactId,
    spam,
    actorId,
    actorName,
  }: { tenantId: string; contactId: string; spam: boolean; actorId: string; actorName: string },
): Promise<void> {
  const markedById = spam ? actorId : null;
  await handle.rawQuery(
    `WITH locked AS (SELECT "id" FROM "Contact" WHERE "id" = $1 AND "tenantId" = $2 FOR UPDATE),
          contact AS (UPDATE "Contact"
                      SET "spamMarkedAt" = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END, "spamMarkedById" = $3
                      WHERE "id" IN (SELECT "id" FROM locked) RETURNING "id"),
          trait AS (INSERT INTO "ContactTrait"
                      ("id", "tenantId", "contactId", "key", "type", "value", "system", "updatedAt")
                    SELECT gen_random_uuid()::text, $2, "id", 'Marked as Spam', 'boolean'::"TraitType", $4, true, now()
                    FROM contact
                    ON CONFLICT ("contactId", "key") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()
                    RETURNING 1),
          before AS (SELECT c."id", c."status", c."bucket", c."assigneeId", c."spamMarkedById" FROM "Conversation" c
                     WHERE c."contactId" IN (SELECT "id" FROM contact) FOR UPDATE),
          moved AS (UPDATE "Conversation" c SET
                      "bucket" = (CASE WHEN $3::text IS NOT NULL THEN 'spam'
                                       WHEN b."status" = 'resolved' THEN 'resolved' ELSE 'active' END)::"InboxBucket",
                      "spamMarkedById" = $3
                    FROM before b WHERE c."id" = b."id" RETURNING b.*),
          events AS (INSERT INTO "ConversationEvent"
                       ("id", "tenantId", "conversationId", "type", "actorAgentId", "data", "createdAt")
                     SELECT gen_random_uuid()::text, $2, "id", $5, $6,
                            jsonb_build_object('actorId', $6::text, 'actorName', $7::text), now()
                     FROM moved RETURNING 1),
          audit AS (INSERT INTO "AuditLog"
                      ("id", "tenantId", "actorKind", "actorId", "action", "targetType", "targetId", "data")
                    SELECT gen_random_uuid()::text, $2, 'agent', $6, $8, 'contact', "id",
                           jsonb_build_object('changed', true, 'conversationsMoved', (SELECT count(*) FROM moved))
                    FROM contact RETURNING 1)
     SELECT "bucket", "assigneeId", "spamMarkedById", count(*) AS n,
            (SELECT count(*) FROM events) + (SELECT count(*) FROM trait) + (SELECT count(*) FROM audit) AS writes
     FROM moved GROUP BY 1, 2, 3`,
    [
      contactId,
      tenantId,
      markedById,
      String(spam),
      spam ? "marked_as_spam" : "unmarked_as_spam",
      actorId,
      actorName,
      spam ? "contact.marked_as_spam" : "contact.unmarked_as_spam",
    ],
  );
  // The newest rows in their new state, as the event carries them (one statement, like the list floor).
  await handle.rawQuery(
    `SELECT c."id", c."channel", c."status", c."bucket", c."assigneeId", c."spamMarkedById", c."lastMessageAt",
            c."lastMessagePreview", c."queuedAt", c."createdAt", ct."name" AS "contactName", a."name" AS "assigneeName",
            (SELECT coalesce(json_agg(json_build_object('id', l."id", 'name', l."name", 'color', l."color")), '[]')
               FROM "ConversationLabel" cl JOIN "Label" l ON l."id" = cl."labelId"
              WHERE cl."conversationId" = c."id") AS "labels"
     FROM (SELECT * FROM "Conversation" WHERE "contactId" = $1
           ORDER BY "lastMessageAt" DESC, "id" DESC LIMIT ${SPAM_EVENT_ROWS}) c
     JOIN "Contact" ct ON ct."id" = c."contactId" LEFT JOIN "Agent" a ON a."id" = c."assigneeId"`,
    [contactId],
  );
}
