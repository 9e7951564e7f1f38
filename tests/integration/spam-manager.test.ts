// The Spam Manager's strings, lists, caps and users (issue 7, points 1–4), on a real database.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ChannelName } from "@/lib/channels/channels";
import { listSpamStrings, listSpamStringPosts, getSpamString } from "@/lib/spam-manager/spam-strings";
import { addListEntry, deleteListEntry, listListEntries, listUsage } from "@/lib/spam-manager/spam-lists";
import { listSpamUsers, listUserSpamPosts, getSpamUser } from "@/lib/spam-manager/spam-users";
import { updateSpamSettings } from "@/lib/spam-manager/settings";
import { recordSpamStrings } from "@/lib/spam-manager/record-spam-strings";
import { flushSpamStringSightings } from "@/lib/spam-manager/known-spam-strings";
import { backfillSpamStrings } from "@/lib/spam-manager/backfill";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { createBan } from "@/lib/blacklist/manage-bans";
import type { SpamKind } from "@/lib/spam-manager/kinds";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2030-01-10T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function poster(db: Db, team: Team) {
  return (from: string, text: string, at = T0, channel: ChannelName = "whatsapp") =>
    receiveMessage(db, team.service, { from, text, channel }, at);
}

async function tab(db: Db, actor: Actor, kind: SpamKind, now = minutes(60), extra: Record<string, unknown> = {}) {
  await flushSpamStringSightings(); // a known string's lastSeenAt is written within a second
  return (await listSpamStrings.fromUntrusted({ db, actor, input: { kind, ...extra }, now })).items;
}

const values = (rows: Array<{ value: string }>) => rows.map((row) => row.value);

describe("recording spam strings on ingest", () => {
  it("stores each string once per tenant, one occurrence per (string, message), URLs with their domain", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const first = await post(
      "+15550200001",
      "WIN at https://www.Prizes.com/claim or prizes.com/claim! Call +1 415 555 2671, mail WIN@prizes.com",
      T0,
    );
    await post("+15550200002", "again prizes.com/claim", minutes(5));
    await post("+15550200001", "nothing to see here", minutes(6));
    await flushSpamStringSightings(); // a known string's lastSeenAt is written within a second

    const strings = await db.spamString.findMany({
      where: { tenantId: team.tenant.id },
      orderBy: [{ kind: "asc" }, { value: "asc" }],
    });
    expect(strings.map((s) => [s.kind, s.value, s.domain])).toEqual([
      ["domain", "prizes.com", null],
      ["url", "prizes.com/claim", "prizes.com"],
      ["phone", "+14155552671", null],
      ["email", "win@prizes.com", null],
    ]);
    const url = strings.find((s) => s.kind === "url")!;
    expect(url.firstSeenAt).toEqual(T0);
    expect(url.lastSeenAt).toEqual(minutes(5));
    // The URL written twice in the first message counts once.
    const occurrences = await db.spamStringOccurrence.findMany({
      where: { spamStringId: url.id },
      orderBy: { createdAt: "asc" },
    });
    expect(occurrences).toHaveLength(2);
    expect(occurrences[0]).toMatchObject({
      messageId: first.messageId,
      contactId: first.contactId,
      conversationId: first.conversationId,
      channel: "whatsapp",
    });
    // Recording the same message again changes nothing (re-deliveries, retries).
    await recordSpamStrings(db, {
      tenantId: team.tenant.id,
      messageId: first.messageId,
      contactId: first.contactId,
      conversationId: first.conversationId,
      channel: "whatsapp",
      text: "prizes.com/claim",
      createdAt: T0,
      region: "US",
    });
    expect(await db.spamStringOccurrence.count({ where: { spamStringId: url.id } })).toBe(2);
  });

  it("does no database work for a message without strings", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const recorded = await recordSpamStrings(db, {
      tenantId: team.tenant.id,
      messageId: "m",
      contactId: "c",
      conversationId: "v",
      channel: "webchat",
      text: "hi there, see you at 5",
      createdAt: T0,
      region: "US",
    });
    expect(recorded).toEqual({ strings: [], tenantHasRules: false });
    expect(await db.spamString.count({ where: { tenantId: team.tenant.id } })).toBe(0);
  });

  it("backfills messages stored without ingest (demo seed, history), once", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sent = await poster(db, team)("+15550200021", "plain hello", T0);
    await db.message.create({
      data: {
        tenantId: team.tenant.id,
        conversationId: sent.conversationId,
        direction: "in",
        body: "imported: old-spam.com",
        createdAt: T0,
      },
    });
    await db.message.create({
      data: {
        tenantId: team.tenant.id,
        conversationId: sent.conversationId,
        direction: "out",
        body: "agent reply with help.example.com",
        createdAt: T0,
      },
    });
    expect(await backfillSpamStrings(db, team.tenant.id)).toEqual({ messages: 2, withStrings: 1 });
    await backfillSpamStrings(db, team.tenant.id);
    expect((await tab(db, team.supervisor.actor, "domain")).map((r) => [r.value, r.posts])).toEqual([
      ["old-spam.com", 1],
    ]);
  });

  it("records messages from spam-marked and banned users too (they still count)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const marked = await post("+15550200011", "hello", T0);
    await markContactAsSpam({ db, actor: team.supervisor.actor, contactId: marked.contactId, now: T0 });
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+15550200012", reason: "abuse" },
      source: "admin_add",
      now: T0,
    });
    await post("+15550200011", "buy at spam-one.com", minutes(1));
    const banned = await post("+15550200012", "buy at spam-two.com", minutes(2));
    expect(banned.admitted).toBe(false);
    expect(values(await tab(db, team.supervisor.actor, "domain"))).toEqual(
      expect.arrayContaining(["spam-one.com", "spam-two.com"]),
    );
  });
});

describe("the string tabs (point 1)", () => {
  it("lists uncategorized strings of each kind with post count (highest first), users and last seen", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    await post("+15550210001", "a at one.com", minutes(0));
    await post("+15550210001", "b at one.com", minutes(1));
    await post("+15550210002", "c at two.com and one.com", minutes(2));
    await post("+15550210003", "d at two.com", minutes(3));
    await post("+15550210003", "e at two.com", minutes(4));
    await post("+15550210004", "f at three.com", minutes(5));

    const rows = await tab(db, team.supervisor.actor, "domain");
    expect(rows.map((r) => [r.value, r.posts, r.users, r.lastSeenAt.toISOString()])).toEqual([
      // one.com and two.com both have 3 posts: the most recent first.
      ["two.com", 3, 2, minutes(4).toISOString()],
      ["one.com", 3, 2, minutes(2).toISOString()],
      ["three.com", 1, 1, minutes(5).toISOString()],
    ]);
    // Each link was a bare domain mention: it is its domain (list-coverage.ts), not listed again as a URL.
    expect(values(await tab(db, team.supervisor.actor, "url"))).toEqual([]);
    expect(await tab(db, team.supervisor.actor, "phone")).toEqual([]);
  });

  it("searches and pages without repeating or skipping a row", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    for (let i = 0; i < 5; i++) await post(`+1555022000${i}`, `mail promo${i}@deals.com now`, minutes(i));
    await post("+15550220009", "mail hello@other.com", minutes(9));

    expect(values(await tab(db, team.admin.actor, "email", minutes(60), { q: "PROMO" }))).toHaveLength(5);
    expect(values(await tab(db, team.admin.actor, "email", minutes(60), { q: "other" }))).toEqual(["hello@other.com"]);
    // % and _ are literal in a search.
    expect(await tab(db, team.admin.actor, "email", minutes(60), { q: "%" })).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSpamStrings.fromUntrusted({
        db,
        actor: team.admin.actor,
        input: { kind: "email", limit: 2, ...(cursor ? { cursor } : {}) },
        now: minutes(60),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...values(page.items));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([
      "hello@other.com",
      "promo4@deals.com",
      "promo3@deals.com",
      "promo2@deals.com",
      "promo1@deals.com",
      "promo0@deals.com",
    ]);
  });

  it("shows only the retention window (14 days by default, a tenant setting)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    await post("+15550230001", "old.com", days(-20));
    await post("+15550230001", "both.com", days(-20));
    await post("+15550230002", "both.com", days(-1));
    const rows = await tab(db, team.supervisor.actor, "domain", T0);
    expect(rows.map((r) => [r.value, r.posts])).toEqual([["both.com", 1]]);

    await updateSpamSettings({ db, actor: team.admin.actor, input: { spamRetentionDays: 30 } });
    expect((await tab(db, team.supervisor.actor, "domain", T0)).map((r) => [r.value, r.posts])).toEqual([
      ["both.com", 2],
      ["old.com", 1],
    ]);
  });

  it("shows a string's Spam History: every message with time, user and channel, linking to the chat", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const a = await post("+15550240001", "go to history.com/x", minutes(1), "whatsapp");
    const b = await receiveMessage(
      db,
      team.service,
      { from: "visitor-1", channel: "webchat", text: "history.com/x !!", contact: { name: "Vera Visitor" } },
      minutes(2),
    );
    const [row] = await tab(db, team.supervisor.actor, "url");
    const history = await listSpamStringPosts.fromUntrusted({
      db,
      actor: team.supervisor.actor,
      spamStringId: row!.id,
      input: {},
    });
    expect(history.items.map((p) => [p.messageId, p.text, p.channel, p.contact.id, p.conversation.id])).toEqual([
      [b.messageId, "history.com/x !!", "webchat", b.contactId, b.conversationId],
      [a.messageId, "go to history.com/x", "whatsapp", a.contactId, a.conversationId],
    ]);
    expect(history.items[0]!.contact.name).toBe("Vera Visitor");
    expect(history.items[0]!.createdAt).toEqual(minutes(2));

    const first = await listSpamStringPosts({
      db,
      actor: team.supervisor.actor,
      spamStringId: row!.id,
      input: { limit: 1 },
    });
    const second = await listSpamStringPosts.fromUntrusted({
      db,
      actor: team.supervisor.actor,
      spamStringId: row!.id,
      input: { limit: 1, cursor: first.nextCursor },
    });
    expect([...first.items, ...second.items].map((p) => p.messageId)).toEqual([b.messageId, a.messageId]);
    expect(second.nextCursor).toBeNull();
  });

  it("is for supervisors, admins and API keys only, and scoped to the tenant", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    await poster(db, other)("+15550250001", "foreign.com", T0);
    await expect(
      listSpamStrings.fromUntrusted({ db, actor: team.agent.actor, input: { kind: "domain" } }),
    ).rejects.toMatchObject({
      status: 403,
    });
    // 403 before 400: who may not read gets 403 whatever the query; who may, a 400 naming the field.
    await expect(
      listSpamStrings.fromUntrusted({ db, actor: team.agent.actor, input: { kind: "nope" } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      listSpamStrings.fromUntrusted({ db, actor: team.supervisor.actor, input: { kind: "nope" } }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^Invalid query: kind: /) });
    expect(await tab(db, team.service, "domain")).toEqual([]);
    const [foreign] = await tab(db, other.supervisor.actor, "domain");
    await expect(getSpamString({ db, actor: team.supervisor.actor, spamStringId: foreign!.id })).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("allow and deny (point 2)", () => {
  it("moves a string from its tab to Allow/Deny; later denied posts stay off the tabs, count for users", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    await post("+15550300001", "deal at bad.com and good.com", T0);
    const { entry, created } = await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "bad.com" },
      now: minutes(1),
    });
    expect(created).toBe(true);
    expect(entry).toMatchObject({
      list: "deny",
      kind: "domain",
      value: "bad.com",
      posts: 1,
      createdBy: { id: team.supervisor.agent.id, name: "Sam Supervisor" },
    });
    await addListEntry({
      db,
      actor: sam,
      list: "allow",
      input: { kind: "domain", value: "good.com" },
      now: minutes(1),
    });
    expect(values(await tab(db, sam, "domain"))).toEqual([]);
    expect(
      (await listListEntries.fromUntrusted({ db, actor: sam, input: { list: "deny" } })).items.map((e) => e.value),
    ).toEqual(["bad.com"]);
    expect((await listListEntries.fromUntrusted({ db, actor: sam, input: {} })).items.map((e) => e.value)).toEqual([
      "good.com",
      "bad.com",
    ]);

    const later = await post("+15550300002", "more bad.com", minutes(10));
    expect(values(await tab(db, sam, "domain"))).toEqual([]);
    const users = (await listSpamUsers.fromUntrusted({ db, actor: sam, input: {}, now: minutes(60) })).items;
    expect(users.find((u) => u.contact.id === later.contactId)).toMatchObject({
      spamPosts: 1,
      // "bad.com" is both a domain and a (bare) URL in the message: one string, one chip (list-coverage.ts).
      topStrings: [{ kind: "domain", value: "bad.com", list: "deny", posts: 1 }],
    });
  });

  it("normalizes like extraction: pasted https://www.Example.com/offer denies the URL example.com/offer", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const { entry } = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "url", value: "https://www.Example.com/offer" },
    });
    expect(entry.value).toBe("example.com/offer");
    const phone = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "phone", value: "(415) 555-2671" },
    });
    expect(phone.entry.value).toBe("+14155552671");
    const domain = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "domain", value: "https://shop.example.co.uk/x" },
    });
    expect(domain.entry.value).toBe("example.co.uk");
    await expect(
      addListEntry({ db, actor: team.supervisor.actor, list: "deny", input: { kind: "email", value: "not an email" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: "value", message: "is not an email address" }] },
    });
  });

  it("moving a string from allow to deny replaces the entry; re-adding it to the same list does nothing", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const allowed = await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "flip.com" } });
    const again = await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "FLIP.com" } });
    expect(again).toMatchObject({ created: false, entry: { id: allowed.entry.id } });
    const denied = await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "flip.com" } });
    expect(denied).toMatchObject({ created: true, movedFrom: "allow", entry: { id: allowed.entry.id, list: "deny" } });
    expect(await db.spamListEntry.count({ where: { tenantId: team.tenant.id } })).toBe(1);
  });

  it("deleting an entry makes the string show up again when next posted — not before", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    await post("+15550310001", "back.com", minutes(0));
    await post("+15550310002", "back.com", minutes(1));
    const { entry } = await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "back.com" },
      now: minutes(2),
    });
    await post("+15550310003", "back.com while denied", minutes(3));

    const deleted = await deleteListEntry({ db, actor: sam, entryId: entry.id, now: minutes(4) });
    expect(deleted).toMatchObject({ id: entry.id, value: "back.com", list: "deny" });
    expect(await db.spamListEntry.count({ where: { tenantId: team.tenant.id } })).toBe(0);
    expect(values(await tab(db, sam, "domain", minutes(5)))).toEqual([]);

    await post("+15550310004", "back.com is back", minutes(6));
    const rows = await tab(db, sam, "domain", minutes(7));
    // It comes back like a new string: counted from its next post.
    expect(rows.map((r) => [r.value, r.posts, r.users])).toEqual([["back.com", 1, 1]]);
    // Its history keeps every post.
    expect(
      (await listSpamStringPosts.fromUntrusted({ db, actor: sam, spamStringId: rows[0]!.id, input: {} })).items,
    ).toHaveLength(4);
  });

  it("denying a domain hides all its URLs from the dashboard (un-denying: back on their next post)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    await post("+15550320001", "evil.com/a and www.evil.com/b and sub.evil.com/c and fine.com/x", T0);
    expect(values(await tab(db, sam, "url")).sort()).toEqual([
      "evil.com/a",
      "evil.com/b",
      "fine.com/x",
      "sub.evil.com/c",
    ]);
    const { entry } = await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "evil.com" },
      now: minutes(1),
    });
    expect(values(await tab(db, sam, "url"))).toEqual(["fine.com/x"]);
    await post("+15550320002", "new evil.com/d", minutes(2));
    expect(values(await tab(db, sam, "url"))).toEqual(["fine.com/x"]);

    await deleteListEntry({ db, actor: sam, entryId: entry.id, now: minutes(3) });
    expect(values(await tab(db, sam, "url"))).toEqual(["fine.com/x"]);
    await post("+15550320003", "evil.com/a again", minutes(4));
    expect(values(await tab(db, sam, "url")).sort()).toEqual(["evil.com/a", "fine.com/x"]);
  });

  it("denying every URL of a domain removes the domain; a new URL of it brings the domain back", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    await post("+15550330001", "shady.com/1 shady.com/2", T0);
    await post("+15550330002", "other.com/1", T0);
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "url", value: "shady.com/1" }, now: minutes(1) });
    expect(values(await tab(db, sam, "domain")).sort()).toEqual(["other.com", "shady.com"]);
    const second = await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "url", value: "shady.com/2" },
      now: minutes(1),
    });
    expect(values(await tab(db, sam, "domain"))).toEqual(["other.com"]);
    // Allowing (not denying) every URL keeps the domain.
    await addListEntry({
      db,
      actor: sam,
      list: "allow",
      input: { kind: "url", value: "other.com/1" },
      now: minutes(1),
    });
    expect(values(await tab(db, sam, "domain"))).toEqual(["other.com"]);

    await post("+15550330003", "shady.com/3", minutes(2));
    expect(values(await tab(db, sam, "domain")).sort()).toEqual(["other.com", "shady.com"]);
    expect(values(await tab(db, sam, "url"))).toEqual(["shady.com/3"]);

    // Deleting a URL entry that hid the domain: the domain too waits for its next post.
    const team2 = await createTeam(db);
    const post2 = poster(db, team2);
    const sam2 = team2.supervisor.actor;
    await post2("+15550330011", "hidden.com/1", T0);
    const only = await addListEntry({
      db,
      actor: sam2,
      list: "deny",
      input: { kind: "url", value: "hidden.com/1" },
      now: minutes(1),
    });
    expect(values(await tab(db, sam2, "domain"))).toEqual([]);
    await deleteListEntry({ db, actor: sam2, entryId: only.entry.id, now: minutes(2) });
    expect(values(await tab(db, sam2, "domain"))).toEqual([]);
    expect(values(await tab(db, sam2, "url"))).toEqual([]);
    await post2("+15550330012", "hidden.com/1", minutes(3));
    expect(values(await tab(db, sam2, "domain"))).toEqual(["hidden.com"]);
    expect(second.entry.list).toBe("deny");
  });

  it("refuses agents; lists are per tenant", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await expect(
      addListEntry({ db, actor: team.agent.actor, list: "deny", input: { kind: "domain", value: "x.com" } }),
    ).rejects.toMatchObject({ status: 403 });
    const { entry } = await addListEntry({
      db,
      actor: team.admin.actor,
      list: "deny",
      input: { kind: "domain", value: "x.com" },
    });
    const other = await createTeam(db);
    await expect(deleteListEntry({ db, actor: other.admin.actor, entryId: entry.id })).rejects.toMatchObject({
      status: 404,
    });
    await expect(deleteListEntry({ db, actor: team.agent.actor, entryId: entry.id })).rejects.toMatchObject({
      status: 403,
    });
  });
});

describe("list caps (point 3)", () => {
  it("holds at most the cap (1000 by default) and refuses more with a message that states it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    expect(await listUsage({ db, actor: team.supervisor.actor })).toEqual({
      allow: { size: 0, cap: 1000 },
      deny: { size: 0, cap: 1000 },
    });
    await db.spamListEntry.createMany({
      data: Array.from({ length: 999 }, (_, i) => ({
        tenantId: team.tenant.id,
        list: "deny" as const,
        kind: "domain" as const,
        value: `filler${i}.com`,
      })),
    });
    await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "domain", value: "last.com" },
    });
    const refused = addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "domain", value: "one-too-many.com" },
    });
    await expect(refused).rejects.toMatchObject({
      status: 409,
      code: "list_full",
      details: { list: "deny", cap: 1000, size: 1000 },
    });
    await expect(refused).rejects.toThrow(/The deny list is full \(1,000 strings\)/);
    // The Allow list has its own cap.
    await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "allow",
      input: { kind: "domain", value: "one-too-many.com" },
    });
    // Moving into a full list is adding to it.
    await expect(
      addListEntry({
        db,
        actor: team.supervisor.actor,
        list: "deny",
        input: { kind: "domain", value: "one-too-many.com" },
      }),
    ).rejects.toMatchObject({ code: "list_full" });
    // Re-adding what is already there is not refused.
    expect(
      (
        await addListEntry({
          db,
          actor: team.supervisor.actor,
          list: "deny",
          input: { kind: "domain", value: "last.com" },
        })
      ).created,
    ).toBe(false);
  });

  it("is a tenant setting for admins; concurrent adds cannot overshoot it", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await expect(
      updateSpamSettings.fromUntrusted({ db, actor: team.supervisor.actor, input: { allowListCap: 5 } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateSpamSettings.fromUntrusted({ db, actor: team.admin.actor, input: { allowListCap: 0 } }),
    ).rejects.toMatchObject({ status: 400, details: { fields: [{ field: "allowListCap" }] } });
    expect(await updateSpamSettings.fromUntrusted({ db, actor: team.admin.actor, input: { allowListCap: 3 } })).toEqual(
      {
        allowListCap: 3,
        denyListCap: 1000,
        spamRetentionDays: 14,
      },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        addListEntry.fromUntrusted({
          db,
          actor: team.supervisor.actor,
          list: "allow",
          input: { kind: "email", value: `user${i}@ok.com` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(3);
    for (const r of rejected) expect(r.reason.message).toMatch(/The allow list is full \(3 strings\)/);
    expect(await db.spamListEntry.count({ where: { tenantId: team.tenant.id, list: "allow" } })).toBe(3);
  });
});

describe("the Users tab (point 4)", () => {
  it("lists users with denied/uncategorized posts, latest spam first: totals, top strings, last action", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    // Allowing the domain covers its bare mentions and its URLs (list-coverage.ts).
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "safe.com" }, now: T0 });
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "bad.com" }, now: T0 });
    const ann = await post("+15550400001", "bad.com", minutes(1));
    await post("+15550400001", "bad.com and new.com", minutes(2));
    await post("+15550400001", "only text", minutes(3));
    const bob = await post("+15550400002", "visit new.com", minutes(4));
    await post("+15550400003", "visit safe.com", minutes(5));

    const page = await listSpamUsers.fromUntrusted({ db, actor: sam, input: {}, now: minutes(60) });
    expect(page.items.map((u) => [u.contact.id, u.spamPosts, u.lastSpamPostAt.toISOString()])).toEqual([
      [bob.contactId, 1, minutes(4).toISOString()],
      [ann.contactId, 2, minutes(2).toISOString()],
    ]);
    const annRow = page.items[1]!;
    expect(annRow.channels).toEqual(["whatsapp"]);
    // One chip per string: the bare mentions "bad.com" and "new.com" are their domains.
    expect(annRow.topStrings.map((s) => [s.kind, s.value, s.posts, s.list])).toEqual([
      ["domain", "bad.com", 2, "deny"],
      ["domain", "new.com", 1, null],
    ]);
    expect(annRow.lastAction).toBeNull();

    const history = await listUserSpamPosts.fromUntrusted({ db, actor: sam, contactId: ann.contactId, input: {} });
    expect(history.items.map((p) => [p.text, p.strings.map((s) => `${s.kind}:${s.value}:${s.list ?? "-"}`)])).toEqual([
      ["bad.com and new.com", ["domain:bad.com:deny", "domain:new.com:-"]],
      ["bad.com", ["domain:bad.com:deny"]],
    ]);
    expect(await getSpamUser({ db, actor: sam, contactId: ann.contactId, now: minutes(60) })).toMatchObject({
      contact: { id: ann.contactId, spamMarkedAt: null },
      identities: [{ channel: "whatsapp", identifier: "+15550400001" }],
      spamPostsInWindow: 2,
    });

    // Search by name, page by cursor; only the window counts.
    expect(
      (await listSpamUsers.fromUntrusted({ db, actor: sam, input: { q: "+15550400002" }, now: minutes(60) })).items.map(
        (u) => u.contact.id,
      ),
    ).toEqual([bob.contactId]);
    const first = await listSpamUsers({ db, actor: sam, input: { limit: 1 }, now: minutes(60) });
    const second = await listSpamUsers.fromUntrusted({
      db,
      actor: sam,
      input: { limit: 1, cursor: first.nextCursor },
      now: minutes(60),
    });
    expect(second.items.map((u) => u.contact.id)).toEqual([ann.contactId]);
    expect(second.nextCursor).toBeNull();
    expect((await listSpamUsers.fromUntrusted({ db, actor: sam, input: {}, now: days(30) })).items).toEqual([]);
  });
});
