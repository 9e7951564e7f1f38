// Disguised spam strings (issue 17) on a real database: the disguised and the plain form are one string
// in posts, counts, lists and rules; each post keeps how it wrote the string (raw, obfuscated); the
// Spam Manager filters and sorts by disguise (lib and REST API); "posted a disguised string" is a rule
// condition; and the re-extraction backfill brings stored strings up to the current rules.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { listSpamStrings, listSpamStringPosts, getSpamString } from "@/lib/spam-manager/spam-strings";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { createSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule } from "@/lib/spam-manager/spam-rules";
import { reextractSpamStrings, type ReextractProgress } from "@/lib/spam-manager/reextract";
import { GET as listStringsRoute } from "@/app/api/v1/spam-strings/route";
import { GET as getStringRoute } from "@/app/api/v1/spam-strings/[id]/route";
import { GET as postsRoute } from "@/app/api/v1/spam-strings/[id]/posts/route";
import { POST as createRuleRoute } from "@/app/api/v1/spam-rules/route";
import { POST as addEntryRoute } from "@/app/api/v1/spam-lists/[list]/route";
import type { SpamKind } from "@/lib/spam-manager/kinds";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2030-03-10T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function poster(db: Db, team: Team) {
  return (from: string, text: string, at = T0) => receiveMessage(db, team.service, { from, text }, at);
}

async function tab(db: Db, actor: Actor, kind: SpamKind, extra: Record<string, unknown> = {}) {
  return (await listSpamStrings.fromUntrusted({ db, actor, input: { kind, ...extra }, now: minutes(60) })).items;
}

describe("disguised and plain forms are one string", () => {
  it("counts them together, and each post keeps how it wrote the string", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const plain = await post("+15550300001", "see evil.com/win", minutes(1));
    const defanged = await post("+15550300002", "see hxxps://evil[.]com/win !", minutes(2));
    const hidden = await post("+15550300003", "see ev\u200Bil.com/win", minutes(3));
    const sam = team.supervisor.actor;

    const [url] = await tab(db, sam, "url");
    expect(url).toMatchObject({ value: "evil.com/win", posts: 3, users: 3, obfuscatedPosts: 2 });
    const [domain] = await tab(db, sam, "domain");
    expect(domain).toMatchObject({ value: "evil.com", posts: 3, obfuscatedPosts: 2 });

    const posts = await listSpamStringPosts.fromUntrusted({ db, actor: sam, spamStringId: url!.id, input: {} });
    expect(posts.items.map((p) => [p.messageId, p.raw, p.obfuscated])).toEqual([
      [hidden.messageId, "ev\u200Bil.com/win", true],
      [defanged.messageId, "hxxps://evil[.]com/win", true],
      [plain.messageId, "evil.com/win", false],
    ]);
    // A domain's post shows the link it came with.
    const domainPosts = await listSpamStringPosts.fromUntrusted({
      db,
      actor: sam,
      spamStringId: domain!.id,
      input: {},
    });
    expect(domainPosts.items.map((p) => p.raw)).toContain("hxxps://evil[.]com/win");
    expect(await getSpamString({ db, actor: sam, spamStringId: url!.id })).toMatchObject({
      posts: 3,
      users: 3,
      obfuscatedPosts: 2,
    });
  });

  it("stores disguised e-mails and phones normalized, from every sender (spam-marked or not)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    await post("+15550300011", "write to Sales (at) Evil (dot) com or call (415) 666-7777 (800) 443-1223");
    const sam = team.supervisor.actor;
    expect((await tab(db, sam, "email")).map((r) => [r.value, r.obfuscatedPosts])).toEqual([["sales@evil.com", 1]]);
    expect((await tab(db, sam, "phone")).map((r) => r.value).sort()).toEqual(["+14156667777", "+18004431223"]);
  });

  it("treats a disguised value typed into the Deny list as the plain one: it hides disguised posts too", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    await post("+15550300021", "hxxp://scam[.]com/a");
    await post("+15550300022", "scam.com/b");
    const key = team.service.key;
    const added = await callApi(addEntryRoute, {
      key,
      params: { list: "deny" },
      body: { kind: "domain", value: "scam[.]com" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ kind: "domain", value: "scam.com", posts: 2 });
    // URLs of a denied domain are hidden, whichever way they were written.
    expect(await tab(db, team.supervisor.actor, "url")).toEqual([]);
    expect(await tab(db, team.supervisor.actor, "domain")).toEqual([]);
  });
});

describe("filter and sort by disguise", () => {
  async function seed(db: Db) {
    const team = await createTeam(db);
    const post = poster(db, team);
    // plain.com: 3 plain posts; mixed.com: 2 posts, 1 disguised; sneaky.com: 1 post, disguised.
    for (let i = 0; i < 3; i++) await post(`+1555031000${i}`, "plain.com", minutes(i));
    await post("+15550310010", "mixed.com", minutes(4));
    await post("+15550310011", "mixed[.]com", minutes(5));
    await post("+15550310020", "sneaky dot com", minutes(6));
    return team;
  }

  it("filters to strings written disguised at least once, or to the others", async () => {
    const db = testDatabase().prisma;
    const team = await seed(db);
    const sam = team.supervisor.actor;
    expect((await tab(db, sam, "domain")).map((r) => [r.value, r.posts, r.obfuscatedPosts])).toEqual([
      ["plain.com", 3, 0],
      ["mixed.com", 2, 1],
      ["sneaky.com", 1, 1],
    ]);
    expect((await tab(db, sam, "domain", { obfuscated: "true" })).map((r) => r.value)).toEqual([
      "mixed.com",
      "sneaky.com",
    ]);
    expect((await tab(db, sam, "domain", { obfuscated: "false" })).map((r) => r.value)).toEqual(["plain.com"]);
  });

  it("sorts by disguised posts, then posts, with cursor paging", async () => {
    const db = testDatabase().prisma;
    const team = await seed(db);
    const sam = team.supervisor.actor;
    await poster(db, team)("+15550310030", "sneaky[.]com again", minutes(7));
    const first = await listSpamStrings.fromUntrusted({
      db,
      actor: sam,
      input: { kind: "domain", sort: "obfuscated", limit: "2" },
      now: minutes(60),
    });
    expect(first.items.map((r) => [r.value, r.obfuscatedPosts, r.posts])).toEqual([
      ["sneaky.com", 2, 2],
      ["mixed.com", 1, 2],
    ]);
    const second = await listSpamStrings.fromUntrusted({
      db,
      actor: sam,
      input: { kind: "domain", sort: "obfuscated", limit: "2", cursor: first.nextCursor },
      now: minutes(60),
    });
    expect(second).toEqual({
      items: [expect.objectContaining({ value: "plain.com", obfuscatedPosts: 0 })],
      nextCursor: null,
    });
  });

  it("answers the same through GET /api/v1/spam-strings, and 400 naming the field for bad values", async () => {
    const db = testDatabase().prisma;
    const team = await seed(db);
    const key = team.service.key;
    const disguised = await callApi(listStringsRoute, {
      key,
      path: "/api/v1/spam-strings?kind=domain&obfuscated=true&sort=obfuscated",
    });
    expect(disguised.status).toBe(200);
    expect(
      disguised.body.items.map((r: { value: string; obfuscatedPosts: number }) => [r.value, r.obfuscatedPosts]),
    ).toEqual([
      ["mixed.com", 1],
      ["sneaky.com", 1],
    ]);
    const id = disguised.body.items[1].id;
    expect((await callApi(getStringRoute, { key, params: { id } })).body).toMatchObject({
      value: "sneaky.com",
      obfuscatedPosts: 1,
    });
    const posts = await callApi(postsRoute, { key, params: { id }, path: `/api/v1/spam-strings/${id}/posts` });
    expect(posts.body.items).toEqual([expect.objectContaining({ raw: "sneaky dot com", obfuscated: true })]);

    for (const [query, field] of [
      ["kind=domain&obfuscated=yes", "obfuscated"],
      ["kind=domain&sort=newest", "sort"],
    ] as const) {
      const bad = await callApi(listStringsRoute, { key, path: `/api/v1/spam-strings?${query}` });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.details.fields[0].field).toBe(field);
    }
    // A cursor of the other order is refused, not misread.
    const byPosts = await callApi(listStringsRoute, { key, path: "/api/v1/spam-strings?kind=domain&limit=1" });
    const mixed = await callApi(listStringsRoute, {
      key,
      path: `/api/v1/spam-strings?kind=domain&sort=obfuscated&cursor=${byPosts.body.nextCursor}`,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details.fields[0].field).toBe("cursor");
  });

  it("stays within the tenant", async () => {
    const db = testDatabase().prisma;
    await seed(db);
    const other = await createTeam(db);
    const seen = await callApi(listStringsRoute, {
      key: other.service.key,
      path: "/api/v1/spam-strings?kind=domain&obfuscated=true",
    });
    expect(seen.body).toEqual({ items: [], nextCursor: null });
  });
});

describe("rule: a message contains a disguised string", () => {
  it("runs its action for a disguised string, not for plain ones nor allowed ones, once per window", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    const rule = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Disguised → flag", trigger: "disguised_string", actionId: flag.id },
    });
    expect(rule).toMatchObject({ trigger: "disguised_string", params: { windowMinutes: 1440 } });
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "partner.com" }, now: T0 });
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "url", value: "partner.com" }, now: T0 });
    const post = poster(db, team);
    const flagged = async (contactId: string) =>
      (await db.contact.findUniqueOrThrow({ where: { id: contactId } })).flaggedForReviewAt;

    const plain = await post("+15550320001", "see evil.com", minutes(1));
    expect(await flagged(plain.contactId)).toBeNull();
    const allowed = await post("+15550320002", "see partner[.]com", minutes(2));
    expect(await flagged(allowed.contactId)).toBeNull();
    const disguised = await post("+15550320003", "see evil[.]com", minutes(3));
    expect(await flagged(disguised.contactId)).toEqual(minutes(3));
    await post("+15550320003", "hxxp://evil.com again", minutes(4));
    const log = await db.actionLog.findMany({ where: { ruleId: rule.id } });
    expect(log.map((l) => [l.contactId, l.status])).toEqual([[disguised.contactId, "completed"]]);
  });

  it("can be limited to kinds (a disguised e-mail does not run a links-only rule)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const key = team.service.key;
    const sam = team.supervisor.actor;
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    const created = await callApi(createRuleRoute, {
      key,
      body: {
        name: "Disguised link",
        trigger: "disguised_string",
        params: { kinds: ["url", "domain", "url"] },
        actionId: flag.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      trigger: "disguised_string",
      params: { kinds: ["url", "domain"], windowMinutes: 1440 },
    });
    const post = poster(db, team);
    const email = await post("+15550320011", "mail me: name (at) evil (dot) com", minutes(1));
    expect(await db.actionLog.count({ where: { ruleId: created.body.id } })).toBe(0);
    const link = await post("+15550320012", "evil[.]com/x", minutes(2));
    expect((await db.actionLog.findMany({ where: { ruleId: created.body.id } })).map((l) => l.contactId)).toEqual([
      link.contactId,
    ]);
    expect(email.admitted).toBe(true);

    const bad = await callApi(createRuleRoute, {
      key,
      body: { name: "Bad", trigger: "disguised_string", params: { kinds: ["ip"] }, actionId: flag.id },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("params.kinds.0");
    const empty = await callApi(createRuleRoute, {
      key,
      body: { name: "Bad", trigger: "disguised_string", params: { kinds: [] }, actionId: flag.id },
    });
    expect(empty.body.error.details.fields[0]).toEqual({
      field: "params.kinds",
      message: "must name at least one kind",
    });
  });
});

describe("re-extraction backfill", () => {
  it("brings strings up to current rules: adds, removes, refreshes, drops orphans; progress; idempotent", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const tenantId = team.tenant.id;
    const post = poster(db, team);
    const now = minutes(60);
    const old = await post("+15550330001", "hello", minutes(1));
    // Messages stored under older rules: a disguised link recorded as nothing, a junk string recorded
    // for prose, and an occurrence without raw form.
    const disguised = await db.message.create({
      data: {
        tenantId,
        conversationId: old.conversationId,
        direction: "in",
        body: "visit evil[.]com/x",
        createdAt: minutes(2),
      },
    });
    const prose = await db.message.create({
      data: {
        tenantId,
        conversationId: old.conversationId,
        direction: "in",
        body: "felt so.so today",
        createdAt: minutes(3),
      },
    });
    const junk = await db.spamString.create({
      data: { tenantId, kind: "domain", value: "so.so", firstSeenAt: minutes(3), lastSeenAt: minutes(3) },
    });
    await db.spamStringOccurrence.create({
      data: {
        tenantId,
        spamStringId: junk.id,
        messageId: prose.id,
        contactId: old.contactId,
        conversationId: old.conversationId,
        channel: "whatsapp",
        createdAt: minutes(3),
      },
    });
    const plain = await db.message.create({
      data: {
        tenantId,
        conversationId: old.conversationId,
        direction: "in",
        body: "call 415-666-7777",
        createdAt: minutes(4),
      },
    });
    const phone = await db.spamString.create({
      data: { tenantId, kind: "phone", value: "+14156667777", firstSeenAt: minutes(4), lastSeenAt: minutes(4) },
    });
    await db.spamStringOccurrence.create({
      data: {
        tenantId,
        spamStringId: phone.id,
        messageId: plain.id,
        contactId: old.contactId,
        conversationId: old.conversationId,
        channel: "whatsapp",
        createdAt: minutes(4),
      },
    });
    // An agent's outgoing message is not a post.
    await db.message.create({
      data: {
        tenantId,
        conversationId: old.conversationId,
        direction: "out",
        body: "see help.example.com",
        createdAt: minutes(5),
      },
    });
    // Another tenant's message is left alone when one tenant is named.
    const other = await createTeam(db);
    await receiveMessage(db, other.service, { from: "+15550330099", text: "other[.]com" }, minutes(1));

    const progress: ReextractProgress[] = [];
    const result = await reextractSpamStrings(db, { tenantId, now, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ tenants: 1, messages: 4, added: 2, removed: 1, kept: 1, stringsDeleted: 1 });
    expect(progress.map((p) => [p.tenantId, p.done, p.total])).toEqual([
      [tenantId, 0, 4],
      [tenantId, 4, 4],
    ]);
    const sam = team.supervisor.actor;
    expect((await tab(db, sam, "url")).map((r) => [r.value, r.obfuscatedPosts])).toEqual([["evil.com/x", 1]]);
    expect((await tab(db, sam, "domain")).map((r) => r.value)).toEqual(["evil.com"]);
    expect(await db.spamString.findUnique({ where: { id: junk.id } })).toBeNull();
    const phoneOccurrence = await db.spamStringOccurrence.findFirstOrThrow({ where: { spamStringId: phone.id } });
    expect(phoneOccurrence).toMatchObject({ raw: "415-666-7777", obfuscated: false });
    const [url] = await tab(db, sam, "url");
    expect(
      (await listSpamStringPosts.fromUntrusted({ db, actor: sam, spamStringId: url!.id, input: {} })).items.map((p) => [
        p.messageId,
        p.raw,
      ]),
    ).toEqual([[disguised.id, "evil[.]com/x"]]);

    // Again: nothing to add or remove.
    expect(await reextractSpamStrings(db, { tenantId, now })).toMatchObject({
      messages: 4,
      added: 0,
      removed: 0,
      kept: 3,
      stringsDeleted: 0,
    });
    // The other tenant was not touched.
    expect(await db.spamString.count({ where: { tenantId: other.tenant.id } })).toBe(2);
  });

  it("keeps listed strings and their old posts; skips messages out of the window without occurrences", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const tenantId = team.tenant.id;
    const sam = team.supervisor.actor;
    const post = poster(db, team);
    const longAgo = new Date(T0.getTime() - 30 * 86_400_000);
    const denied = await post("+15550330011", "deny-me.com", longAgo);
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "deny-me.com" }, now: longAgo });
    await db.message.create({
      data: { tenantId, conversationId: denied.conversationId, direction: "in", body: "old[.]com", createdAt: longAgo },
    });
    const result = await reextractSpamStrings(db, { tenantId, now: T0 });
    // The denied string's message is retained (it has occurrences); the old one without is not.
    expect(result).toMatchObject({ messages: 1, added: 0, removed: 0 });
    expect(await db.spamString.count({ where: { tenantId, value: "old.com" } })).toBe(0);
    expect(await db.spamString.count({ where: { tenantId, kind: "domain", value: "deny-me.com" } })).toBe(1);
  });
});
