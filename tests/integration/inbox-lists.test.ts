import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import { countConversations, listConversations, listWhereSql, viewerOf } from "@/lib/inbox/list-conversations";
import { availableLists, isInList, type InboxList } from "@/lib/conversations/list-membership";
import { GET as getConversations } from "@/app/api/v1/conversations/route";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";

/** A team with conversations in every state: unassigned, assigned to each agent, resolved. */
async function teamWithConversations(db: Db) {
  const team = await createTeam(db);
  const make = async (assigneeId: string | null, status: "open" | "waiting" | "resolved") => {
    const { conversationId } = await receiveMessage(db, team.service);
    await db.conversation.update({
      where: { id: conversationId },
      data: { assigneeId, status, bucket: status === "resolved" ? "resolved" : "active" },
    });
    return conversationId;
  };
  const ids = {
    queued: await make(null, "waiting"),
    unassigned: await make(null, "open"),
    ann: await make(team.agent.agent.id, "open"),
    bob: await make(team.limited.agent.id, "open"),
    resolvedAnn: await make(team.agent.agent.id, "resolved"),
    resolvedBob: await make(team.limited.agent.id, "resolved"),
    resolvedNobody: await make(null, "resolved"),
  };
  return { ...team, ids };
}

async function ids(db: Db, actor: Actor, list: InboxList) {
  return (await listConversations.fromUntrusted({ db, actor, input: { list } })).items.map((c) => c.id).sort();
}

describe("inbox lists", () => {
  it("put every conversation in the right lists for each kind of viewer, with matching counts", async () => {
    const db = testDatabase().prisma;
    const { admin, agent, limited, service, ids: c } = await teamWithConversations(db);
    const sorted = (...values: string[]) => values.sort();

    expect(await ids(db, agent.actor, "all")).toEqual(sorted(c.queued, c.unassigned, c.ann, c.bob));
    expect(await ids(db, agent.actor, "mine")).toEqual([c.ann]);
    expect(await ids(db, agent.actor, "unassigned")).toEqual(sorted(c.queued, c.unassigned));
    expect(await ids(db, agent.actor, "waiting")).toEqual([c.queued]);
    expect(await ids(db, agent.actor, "resolved")).toEqual(sorted(c.resolvedAnn, c.resolvedBob, c.resolvedNobody));
    expect(await countConversations({ db, actor: agent.actor })).toEqual({
      all: 4,
      mine: 1,
      unassigned: 2,
      waiting: 1,
      suspected: 0,
      spam: 0,
    });

    // Without "can see All chats": no All list, own and queued chats only.
    await expect(
      listConversations.fromUntrusted({ db, actor: limited.actor, input: { list: "all" } }),
    ).rejects.toMatchObject({
      status: 403,
      code: "list_not_available",
    });
    expect(await ids(db, limited.actor, "mine")).toEqual([c.bob]);
    expect(await ids(db, limited.actor, "unassigned")).toEqual(sorted(c.queued, c.unassigned));
    expect(await ids(db, limited.actor, "waiting")).toEqual([c.queued]);
    expect(await ids(db, limited.actor, "resolved")).toEqual(sorted(c.resolvedBob, c.resolvedNobody));
    expect(await countConversations({ db, actor: limited.actor })).toEqual({
      mine: 1,
      unassigned: 2,
      waiting: 1,
      suspected: 0,
      spam: 0,
    });

    expect(await countConversations({ db, actor: admin.actor })).toEqual({
      all: 4,
      mine: 0,
      unassigned: 2,
      waiting: 1,
      suspected: 0,
      spam: 0,
    });
    // An API key's own identity has no "mine".
    await expect(
      listConversations.fromUntrusted({ db, actor: service, input: { list: "mine" } }),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(await countConversations({ db, actor: service })).toEqual({
      all: 4,
      unassigned: 2,
      waiting: 1,
      suspected: 0,
      spam: 0,
    });
  });

  it("agree with the browser's membership rule for every conversation and viewer", async () => {
    const db = testDatabase().prisma;
    const { admin, agent, limited, service } = await teamWithConversations(db);
    const conversations = await db.conversation.findMany({ where: { tenantId: admin.actor.tenantId } });
    for (const actor of [admin.actor, agent.actor, limited.actor, service] as Actor[]) {
      const viewer = viewerOf(actor);
      for (const list of availableLists(viewer)) {
        const rows = await db.$queryRaw<
          Array<{ id: string }>
        >`SELECT c."id" FROM "Conversation" c WHERE ${listWhereSql(actor, list)}`;
        const inSql = new Set(rows.map((r) => r.id));
        for (const conversation of conversations) {
          expect(
            isInList(list, viewer, conversation),
            `${list} for ${actor.kind} ${viewer.agentId}: ${conversation.id}`,
          ).toBe(inSql.has(conversation.id));
        }
      }
    }
  });

  it("page 50 at a time, newest activity first, with an opaque cursor", async () => {
    const db = testDatabase().prisma;
    const { agent, service } = await createTeam(db);
    const start = Date.now() - 1_000_000;
    for (let i = 0; i < 120; i++) await receiveMessage(db, service, {}, new Date(start + i * 1000));
    const first = await listConversations.fromUntrusted({ db, actor: agent.actor, input: { list: "all" } });
    expect(first.items).toHaveLength(50);
    const second = await listConversations.fromUntrusted({
      db,
      actor: agent.actor,
      input: { list: "all", cursor: first.nextCursor },
    });
    const third = await listConversations.fromUntrusted({
      db,
      actor: agent.actor,
      input: { list: "all", cursor: second.nextCursor },
    });
    expect(third.items).toHaveLength(20);
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(new Set(all.map((c) => c.id)).size).toBe(120);
    const times = all.map((c) => Date.parse(c.lastMessageAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    await expect(
      listConversations.fromUntrusted({ db, actor: agent.actor, input: { cursor: "garbage" } }),
    ).rejects.toMatchObject({
      status: 400,
    });
  });

  it("stay stable while new conversations arrive between pages: every older row exactly once", async () => {
    const db = testDatabase().prisma;
    const { agent, service } = await createTeam(db);
    const start = Date.now() - 1_000_000;
    for (let i = 0; i < 110; i++) await receiveMessage(db, service, {}, new Date(start + i * 1000));
    const before = new Set(
      (await db.conversation.findMany({ select: { id: true }, where: { tenantId: agent.actor.tenantId } })).map(
        (c) => c.id,
      ),
    );

    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await listConversations.fromUntrusted({
        db,
        actor: agent.actor,
        input: { list: "all", cursor: cursor ?? undefined },
      });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      // Ten new conversations land at the top while the agent scrolls.
      await Promise.all(Array.from({ length: 10 }, () => receiveMessage(db, service)));
    } while (cursor);
    const olderSeen = seen.filter((id) => before.has(id));
    expect(olderSeen).toHaveLength(before.size);
    expect(new Set(olderSeen).size).toBe(before.size);
  });

  it("answer GET /api/v1/conversations with the acting agent's lists (403 All if limited, 400 bad list)", async () => {
    const db = testDatabase().prisma;
    const { service, limited, ids: c } = await teamWithConversations(db);
    const res = await callApi(getConversations, { key: service.key, path: "/api/v1/conversations?list=unassigned" });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([c.queued, c.unassigned].sort());
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({ channel: "whatsapp", contact: { name: expect.any(String) }, labels: [] });

    const forbidden = await callApi(getConversations, {
      key: service.key,
      agentId: limited.agent.id,
      path: "/api/v1/conversations?list=all",
    });
    expect(forbidden.status).toBe(403);
    const mine = await callApi(getConversations, {
      key: service.key,
      agentId: limited.agent.id,
      path: "/api/v1/conversations?list=mine",
    });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([c.bob]);
    const bad = await callApi(getConversations, { key: service.key, path: "/api/v1/conversations?list=everything" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("list");
  });

  it("default to the first list the actor has when no list is named (All, else You)", async () => {
    const db = testDatabase().prisma;
    const { service, agent, limited, ids: c } = await teamWithConversations(db);
    const ofService = await callApi(getConversations, { key: service.key, path: "/api/v1/conversations" });
    expect(ofService.status).toBe(200);
    expect(ofService.body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [c.queued, c.unassigned, c.ann, c.bob].sort(),
    );
    const ofAgent = await callApi(getConversations, {
      key: service.key,
      agentId: agent.agent.id,
      path: "/api/v1/conversations",
    });
    expect(ofAgent.body.items).toHaveLength(4);
    // Without All access the default is You, not a 403 for a list they never asked for.
    const ofLimited = await callApi(getConversations, {
      key: service.key,
      agentId: limited.agent.id,
      path: "/api/v1/conversations",
    });
    expect(ofLimited.status).toBe(200);
    expect(ofLimited.body.items.map((i: { id: string }) => i.id)).toEqual([c.bob]);
  });
});
