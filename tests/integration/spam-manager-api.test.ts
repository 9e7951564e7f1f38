// The Spam Manager's REST API (issue 7, point 9): the five contract routes and what the pages use,
// through the real route handlers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import { GET as listStrings } from "@/app/api/v1/spam-strings/route";
import { GET as getString } from "@/app/api/v1/spam-strings/[id]/route";
import { GET as stringPosts } from "@/app/api/v1/spam-strings/[id]/posts/route";
import { GET as previewBan, POST as banPostersRoute } from "@/app/api/v1/spam-strings/[id]/ban-posters/route";
import { GET as listEntries } from "@/app/api/v1/spam-lists/route";
import { POST as addEntry } from "@/app/api/v1/spam-lists/[list]/route";
import { DELETE as deleteEntry } from "@/app/api/v1/spam-lists/entries/[id]/route";
import { GET as listUsers } from "@/app/api/v1/spam-users/route";
import { GET as userPosts } from "@/app/api/v1/spam-users/[contactId]/posts/route";
import { GET as listActions, POST as createAction } from "@/app/api/v1/spam-actions/route";
import { PATCH as updateAction, DELETE as deleteAction } from "@/app/api/v1/spam-actions/[id]/route";
import { POST as runAction } from "@/app/api/v1/spam-actions/[id]/run/route";
import { GET as listRules, POST as createRule } from "@/app/api/v1/spam-rules/route";
import { PATCH as updateRule, DELETE as deleteRule } from "@/app/api/v1/spam-rules/[id]/route";
import { GET as actionLog } from "@/app/api/v1/action-log/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { apiDocument } from "@/app/api/v1/operations";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("Spam Manager API", () => {
  it("GET /api/v1/spam-strings?kind= lists a tab as { items, nextCursor }; /:id/posts its Spam History", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sent = await receiveMessage(db, team.service, {
      from: "+15550900001",
      text: "see api-test.com/offer and call +1 415 555 2671",
    });
    const key = team.service.key;

    const domains = await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=domain" });
    expect(domains.status).toBe(200);
    expect(domains.body).toEqual({
      items: [
        {
          id: expect.any(String),
          kind: "domain",
          value: "api-test.com",
          domain: null,
          posts: 1,
          users: 1,
          lastSeenAt: expect.stringMatching(ISO),
          obfuscatedPosts: 0,
        },
      ],
      nextCursor: null,
    });
    const urls = await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=url&q=offer&limit=10" });
    expect(urls.body.items).toEqual([
      expect.objectContaining({ kind: "url", value: "api-test.com/offer", domain: "api-test.com" }),
    ]);
    expect((await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=phone" })).body.items[0].value).toBe(
      "+14155552671",
    );

    const id = domains.body.items[0].id;
    const posts = await callApi(stringPosts, { key, path: `/api/v1/spam-strings/${id}/posts`, params: { id } });
    expect(posts.status).toBe(200);
    expect(posts.body).toEqual({
      items: [
        {
          id: expect.any(String),
          messageId: sent.messageId,
          text: "see api-test.com/offer and call +1 415 555 2671",
          createdAt: expect.stringMatching(ISO),
          channel: "whatsapp",
          contact: { id: sent.contactId, name: "+15550900001" },
          conversation: { id: sent.conversationId, bucket: "active" },
          raw: "api-test.com/offer",
          obfuscated: false,
        },
      ],
      nextCursor: null,
    });
    expect((await callApi(getString, { key, params: { id } })).body).toMatchObject({
      id,
      kind: "domain",
      list: null,
      entryId: null,
      posts: 1,
      users: 1,
    });
    expect((await callApi(stringPosts, { key, params: { id: "nope" } })).status).toBe(404);
  });

  it("answers 400 naming the field, 401 without a key and 403 for agents (X-Agent-Id)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    const missing = await callApi(listStrings, { key, path: "/api/v1/spam-strings" });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: "invalid_input",
      details: { fields: [{ field: "kind", message: "must be one of domain, url, phone, email" }] },
    });
    const badKind = await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=ip" });
    expect(badKind.body.error.details.fields[0].field).toBe("kind");
    expect(
      (await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=url&cursor=zzz" })).body.error.details
        .fields[0].field,
    ).toBe("cursor");
    expect(
      (await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=url&limit=0" })).body.error.details.fields[0]
        .field,
    ).toBe("limit");

    const badList = await callApi(addEntry, { key, params: { list: "grey" }, body: { kind: "url", value: "x.com" } });
    expect(badList.status).toBe(400);
    expect(badList.body.error.details.fields).toEqual([{ field: "list", message: "must be one of allow, deny" }]);
    const noValue = await callApi(addEntry, { key, params: { list: "deny" }, body: { kind: "url" } });
    expect(noValue.body.error.details.fields).toEqual([{ field: "value", message: expect.any(String) }]);
    const badAction = await callApi(createAction, {
      key,
      body: { name: "x", type: "ban_channel", params: { channel: "fax" } },
    });
    expect(badAction.status).toBe(400);
    expect(badAction.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "params.channel",
      "params.reason",
    ]);

    expect((await callApi(listStrings, { path: "/api/v1/spam-strings?kind=url" })).status).toBe(401);

    const agent = team.agent.agent.id;
    const asAgent = [
      await callApi(listStrings, { key, agentId: agent, path: "/api/v1/spam-strings?kind=url" }),
      await callApi(listEntries, { key, agentId: agent }),
      await callApi(addEntry, { key, agentId: agent, params: { list: "deny" }, body: { kind: "url", value: "x.com" } }),
      await callApi(listUsers, { key, agentId: agent }),
      await callApi(listActions, { key, agentId: agent }),
      await callApi(createAction, { key, agentId: agent, body: { name: "Mark", type: "mark_spam" } }),
      await callApi(listRules, { key, agentId: agent }),
      await callApi(actionLog, { key, agentId: agent }),
    ];
    for (const call of asAgent) expect(call.status).toBe(403);
    // Supervisors may.
    expect(
      (await callApi(listStrings, { key, agentId: team.supervisor.agent.id, path: "/api/v1/spam-strings?kind=url" }))
        .status,
    ).toBe(200);
  });

  it("POST /api/v1/spam-lists/{allow|deny}: 201 (200 if there, 409 past cap); DELETE /entries/:id 200", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    const sam = team.supervisor.agent.id;
    const created = await callApi(addEntry, {
      key,
      agentId: sam,
      params: { list: "deny" },
      body: { kind: "url", value: "https://www.Example.com/offer" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      list: "deny",
      kind: "url",
      value: "example.com/offer",
      createdAt: expect.stringMatching(ISO),
      createdBy: { id: sam, name: "Sam Supervisor" },
      spamStringId: null,
      posts: 0,
    });
    const again = await callApi(addEntry, {
      key,
      params: { list: "deny" },
      body: { kind: "url", value: "example.com/offer" },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    const moved = await callApi(addEntry, {
      key,
      params: { list: "allow" },
      body: { kind: "url", value: "example.com/offer" },
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ id: created.body.id, list: "allow", createdBy: null });

    await db.tenant.update({ where: { id: team.tenant.id }, data: { denyListCap: 1 } });
    expect(
      (await callApi(addEntry, { key, params: { list: "deny" }, body: { kind: "email", value: "a@spam.com" } })).status,
    ).toBe(201);
    const full = await callApi(addEntry, {
      key,
      params: { list: "deny" },
      body: { kind: "email", value: "b@spam.com" },
    });
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({
      code: "list_full",
      message: expect.stringContaining("The deny list is full (1 string)"),
      details: { list: "deny", cap: 1, size: 1 },
    });

    const listed = await callApi(listEntries, { key, path: "/api/v1/spam-lists?list=deny" });
    expect(listed.body).toEqual({
      items: [expect.objectContaining({ kind: "email", value: "a@spam.com" })],
      nextCursor: null,
    });
    const entryId = listed.body.items[0].id;
    const deleted = await callApi(deleteEntry, { key, method: "DELETE", params: { id: entryId } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: entryId, list: "deny", kind: "email", value: "a@spam.com" });
    expect((await callApi(deleteEntry, { key, method: "DELETE", params: { id: entryId } })).status).toBe(404);

    // A URL that is only its domain is the domain: listed (and answered) as kind domain.
    const bare = await callApi(addEntry, {
      key,
      params: { list: "allow" },
      body: { kind: "url", value: "https://www.Example.com/" },
    });
    expect(bare).toMatchObject({ status: 201, body: { kind: "domain", value: "example.com", list: "allow" } });
  });

  it("GET /api/v1/spam-users and /:contactId/posts; actions, runs, rules and the Actions Log", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    const sam = team.supervisor.agent.id;
    const spammer = await receiveMessage(db, team.service, { from: "+15550910001", text: "deal at users-api.com" });

    const users = await callApi(listUsers, { key, path: "/api/v1/spam-users" });
    expect(users.status).toBe(200);
    expect(users.body).toEqual({
      items: [
        {
          contact: { id: spammer.contactId, name: "+15550910001", spamMarked: false, flaggedForReview: false },
          channels: ["whatsapp"],
          lastSpamPostAt: expect.stringMatching(ISO),
          spamPosts: 1,
          topStrings: expect.arrayContaining([
            expect.objectContaining({ kind: "domain", value: "users-api.com", posts: 1, list: null }),
          ]),
          lastAction: null,
        },
      ],
      nextCursor: null,
    });
    const history = await callApi(userPosts, { key, params: { contactId: spammer.contactId } });
    expect(history.body.items).toEqual([
      expect.objectContaining({ messageId: spammer.messageId, text: "deal at users-api.com", channel: "whatsapp" }),
    ]);
    expect((await callApi(userPosts, { key, params: { contactId: "nobody" } })).status).toBe(404);

    const action = await callApi(createAction, {
      key,
      agentId: sam,
      body: { name: "Mark as spam", type: "mark_spam" },
    });
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({
      id: expect.any(String),
      name: "Mark as spam",
      type: "mark_spam",
      params: {},
      ruleCount: 0,
    });
    const actionId = action.body.id;
    expect(
      (await callApi(updateAction, { key, method: "PATCH", params: { id: actionId }, body: { name: "Mark spam" } }))
        .body.name,
    ).toBe("Mark spam");
    expect((await callApi(listActions, { key })).body).toEqual({
      items: [expect.objectContaining({ id: actionId, name: "Mark spam" })],
      nextCursor: null,
    });

    const run = await callApi(runAction, {
      key,
      agentId: sam,
      params: { id: actionId },
      body: { contactId: spammer.contactId },
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      status: "completed",
      manual: true,
      outcome: "Marked as spam",
      contact: { id: spammer.contactId },
      actor: { id: sam, name: "Sam Supervisor" },
    });
    const byKey = await callApi(runAction, { key, params: { id: actionId }, body: { contactId: spammer.contactId } });
    expect(byKey.body).toMatchObject({
      status: "completed",
      outcome: "Already marked as spam",
      actor: { id: team.service.apiKeyId, name: `API key ${team.service.apiKeyName}` },
    });

    const rule = await callApi(createRule, {
      key,
      body: { name: "Burst", trigger: "uncategorized_burst", params: { threshold: 5, windowMinutes: 10 }, actionId },
    });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({
      name: "Burst",
      enabled: true,
      trigger: "uncategorized_burst",
      params: { threshold: 5, windowMinutes: 10 },
      action: { id: actionId, name: "Mark spam" },
    });
    const off = await callApi(updateRule, {
      key,
      method: "PATCH",
      params: { id: rule.body.id },
      body: { enabled: false },
    });
    expect(off.body.enabled).toBe(false);
    const badRule = await callApi(updateRule, {
      key,
      method: "PATCH",
      params: { id: rule.body.id },
      body: { params: { threshold: 0, windowMinutes: 10 } },
    });
    expect(badRule.body.error.details.fields).toEqual([{ field: "params.threshold", message: "must be at least 1" }]);
    expect((await callApi(listRules, { key })).body.items).toHaveLength(1);
    expect((await callApi(deleteRule, { key, method: "DELETE", params: { id: rule.body.id } })).status).toBe(200);

    const log = await callApi(actionLog, { key, path: `/api/v1/action-log?contactId=${spammer.contactId}` });
    expect(log.body.items.map((l: { status: string; manual: boolean }) => [l.status, l.manual])).toEqual([
      ["completed", true],
      ["completed", true],
    ]);
    expect((await callApi(deleteAction, { key, method: "DELETE", params: { id: actionId } })).status).toBe(200);
  });

  it("GET/POST /api/v1/spam-strings/:id/ban-posters previews and bans the posters of a denied string", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    await receiveMessage(db, team.service, { from: "+15550920001", text: "ban-api.com" });
    await receiveMessage(db, team.service, { from: "+15550920002", text: "ban-api.com" });
    const [string] = (await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=domain" })).body.items;
    expect((await callApi(previewBan, { key, params: { id: string.id } })).body.error.code).toBe("not_denied");
    await callApi(addEntry, { key, params: { list: "deny" }, body: { kind: "domain", value: "ban-api.com" } });
    const preview = await callApi(previewBan, { key, params: { id: string.id } });
    expect(preview.body).toMatchObject({ users: 2, byChannel: { whatsapp: 2 }, bans: 2, alreadyBanned: 0 });
    const done = await callApi(banPostersRoute, { key, params: { id: string.id }, body: { reason: "Spam wave" } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ banned: 2, alreadyBanned: 0, failed: 0 });
    expect(
      await db.ban.count({ where: { tenantId: team.tenant.id, reason: "Spam wave", source: "spam_manager" } }),
    ).toBe(2);
    expect(done.body.nextCursor).toBeNull();
  });

  it("POST …/ban-posters bans many posters in steps: limit, then after = nextCursor until it is null", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    const phones = Array.from({ length: 5 }, (_, i) => `+1555093000${i}`);
    for (const from of phones) await receiveMessage(db, team.service, { from, text: "steps-api.com" });
    const [string] = (await callApi(listStrings, { key, path: "/api/v1/spam-strings?kind=domain" })).body.items;
    await callApi(addEntry, { key, params: { list: "deny" }, body: { kind: "domain", value: "steps-api.com" } });
    const ban = (body: unknown) => callApi(banPostersRoute, { key, params: { id: string.id }, body });

    const identifiers: string[] = [];
    let after: string | undefined;
    const steps: number[] = [];
    do {
      const step = await ban({ reason: "Step wave", limit: 2, ...(after ? { after } : {}) });
      expect(step.status).toBe(200);
      steps.push(step.body.outcomes.length);
      identifiers.push(...step.body.outcomes.map((o: { identifier: string }) => o.identifier));
      after = step.body.nextCursor ?? undefined;
    } while (after);
    expect(steps).toEqual([2, 2, 1]);
    expect(identifiers.toSorted()).toEqual(phones);
    expect(await db.ban.count({ where: { tenantId: team.tenant.id, reason: "Step wave" } })).toBe(5);

    for (const [body, field] of [
      [{ limit: 0 }, "limit"],
      [{ limit: 1001 }, "limit"],
      [{ limit: 1.5 }, "limit"],
      [{ limit: 2, after: "not-a-cursor" }, "after"],
      [{ limit: 2, after: Buffer.from(JSON.stringify(["c", "pigeon", "x"])).toString("base64url") }, "after"],
      // A NUL inside the encoded cursor (PostgreSQL refuses it in text: it must be a 400, not a 500).
      [{ limit: 2, after: Buffer.from(JSON.stringify(["c\u0000", "whatsapp", "x"])).toString("base64url") }, "after"],
    ] as const) {
      const refused = await ban(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it("documents every Spam Manager route and method", async () => {
    const document = apiDocument();
    const root = path.resolve("app");
    const routeFiles = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) return routeFiles(full);
        return name === "route.ts" ? [full] : [];
      });
    const ours = ["spam-strings", "spam-lists", "spam-users", "spam-actions", "spam-rules", "action-log"].flatMap(
      (dir) => routeFiles(path.join(root, "api/v1", dir)),
    );
    expect(ours.length).toBe(15);
    for (const file of ours) {
      const routePath = `/${path.relative(root, path.dirname(file))}`.replace(/\[(\w+)\]/g, "{$1}");
      const methods = [
        ...readFileSync(file, "utf8").matchAll(
          /export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g,
        ),
      ].map((m) => m[1]!.toLowerCase());
      for (const method of methods)
        expect(document.paths[routePath]?.[method], `${method.toUpperCase()} ${routePath}`).toBeDefined();
    }
    expect(document.paths["/api/v1/spam-lists/{list}"]!.post).toMatchObject({
      responses: { 201: expect.anything(), 409: expect.anything() },
    });
    // The app's document is served.
    expect((await callApi(openApi)).status).toBe(200);
  });
});
