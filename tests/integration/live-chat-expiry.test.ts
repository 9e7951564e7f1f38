// The live-chat block expiry job (issue 5, point 8): expiries of blocks that ran out are recorded
// (audit + timeline) once per block, whether the job or the user's next connect request gets there
// first. The job function is called directly with an injected "now": no sleeps.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";
import { EXPIRED_ACTION, liveChatExpiryJob, recordExpiredLiveChatBlocks } from "@/lib/live-chat/expiry";
import { runJobOnce } from "@/lib/jobs/scheduler";
import { getConversation } from "@/lib/inbox/get-conversation";
import { describeEvent } from "@/lib/inbox/conversation-events";

const T0 = new Date("2026-05-04T08:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
let counter = 0;
const uniq = () => `${Date.now().toString(36)}x${counter++}`;
type Team = Awaited<ReturnType<typeof createTeam>>;

const anonymousChat = (db: Db, team: Team) =>
  receiveMessage(db, team.service, { channel: "webchat", from: `visitor-${uniq()}`, text: "hi" }, T0);
const authenticatedChat = (db: Db, team: Team) =>
  receiveMessage(
    db,
    team.service,
    {
      channel: "webchat",
      from: `visitor-${uniq()}`,
      text: "hello",
      contact: { externalId: `user-${uniq()}`, authenticated: true },
    },
    T0,
  );
const block = (db: Db, team: Team, conversationId: string, minutesLong: number, now = T0) =>
  blockUserFromLiveChat.fromUntrusted({
    db,
    actor: team.agent.actor,
    conversationId,
    input: { BlockIntervalMinutes: minutesLong, BlockReason: "abuse" },
    now,
  });
const expiries = (db: Db, team: Team) =>
  db.auditLog.findMany({ where: { tenantId: team.tenant.id, action: EXPIRED_ACTION }, orderBy: { createdAt: "asc" } });

describe("the live-chat block expiry job", () => {
  it("records each block that ran out once (audit + timeline line at its end); active, lifted ones stay", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const anonymous = await anonymousChat(db, team);
    const signedIn = await authenticatedChat(db, team);
    const active = await anonymousChat(db, team);
    const lifted = await anonymousChat(db, team);
    const a = await block(db, team, anonymous.conversationId, 30);
    const b = await block(db, team, signedIn.conversationId, 60);
    await block(db, team, active.conversationId, 600);
    const c = await block(db, team, lifted.conversationId, 30);
    await unblockLiveChatBlock({ db, actor: team.admin.actor, blockId: c.block.id, now: minutes(10) });

    // Nothing has run out yet at minute 20.
    await recordExpiredLiveChatBlocks(db, minutes(20));
    expect(await expiries(db, team)).toEqual([]);

    const result = await recordExpiredLiveChatBlocks(db, minutes(90));
    expect(result.recorded).toBeGreaterThanOrEqual(2);
    expect(result.failed).toBe(0);
    const recorded = await expiries(db, team);
    expect(recorded.map((e) => [e.targetId, e.actorKind])).toEqual(
      expect.arrayContaining([
        [a.block.id, "system"],
        [b.block.id, "system"],
      ]),
    );
    expect(recorded).toHaveLength(2);
    expect(recorded.find((e) => e.targetId === b.block.id)!.data).toMatchObject({
      blockId: b.block.id,
      expiredAt: minutes(60).toISOString(),
      authenticated: true,
      conversationId: signedIn.conversationId,
    });
    expect(await db.liveChatBlock.findUniqueOrThrow({ where: { id: a.block.id } })).toMatchObject({
      expiryRecordedAt: minutes(90),
    });

    const anonymousEvents = await db.conversationEvent.findMany({
      where: { conversationId: anonymous.conversationId, type: "live_chat_block_expired" },
    });
    expect(anonymousEvents.map((e) => e.createdAt)).toEqual([minutes(30)]);
    // The signed-in user's block belongs to no conversation: the line goes in their latest one.
    const { events } = await getConversation({
      db,
      actor: team.admin.actor,
      conversationId: signedIn.conversationId,
      input: {},
    });
    expect(events.map(describeEvent).filter((line) => line.startsWith("Live-chat block expired"))).toHaveLength(1);

    // Idempotent: a later run, and the user's next connect request, record nothing more.
    await recordExpiredLiveChatBlocks(db, minutes(120));
    expect(
      await connectToLiveChat({
        db,
        actor: team.service,
        input: { conversationId: anonymous.conversationId },
        now: minutes(121),
      }),
    ).toMatchObject({ connected: true });
    expect(
      await connectToLiveChat({
        db,
        actor: team.service,
        input: { conversationId: signedIn.conversationId },
        now: minutes(122),
      }),
    ).toMatchObject({ connected: true });
    expect(await expiries(db, team)).toHaveLength(2);
    expect(
      await db.conversationEvent.count({ where: { tenantId: team.tenant.id, type: "live_chat_block_expired" } }),
    ).toBe(2);
  });

  it("skips blocks whose expiry a connect recorded first; when both run at once, one of them wins", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const first = await anonymousChat(db, team);
    const second = await authenticatedChat(db, team);
    const early = await block(db, team, first.conversationId, 5);
    const racing = await block(db, team, second.conversationId, 5);

    expect(
      await connectToLiveChat({
        db,
        actor: team.service,
        input: { conversationId: first.conversationId },
        now: minutes(6),
      }),
    ).toMatchObject({ connected: true });
    expect((await expiries(db, team)).map((e) => e.targetId)).toEqual([early.block.id]);

    await Promise.all([
      recordExpiredLiveChatBlocks(db, minutes(7)),
      connectToLiveChat({ db, actor: team.service, input: { conversationId: second.conversationId }, now: minutes(7) }),
    ]);
    const recorded = await expiries(db, team);
    expect(recorded.map((e) => e.targetId).sort()).toEqual([early.block.id, racing.block.id].sort());
    expect(
      await db.conversationEvent.count({ where: { tenantId: team.tenant.id, type: "live_chat_block_expired" } }),
    ).toBe(2);
  });

  it("runs through the scheduler's claim, once per interval", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const chat = await anonymousChat(db, team);
    const { block: row } = await block(db, team, chat.conversationId, 1);
    // The first run at a time no other test's run reaches; the next one inside the interval is not due.
    const at = new Date("2031-01-01T00:00:00Z");
    const outcome = await runJobOnce(db, liveChatExpiryJob, at);
    expect(outcome).toMatchObject({ ran: true, result: { failed: 0 } });
    expect(await runJobOnce(db, liveChatExpiryJob, new Date(at.getTime() + 60_000))).toEqual({
      ran: false,
      reason: "not_due",
    });
    expect((await expiries(db, team)).map((e) => e.targetId)).toEqual([row.id]);
  });
});
