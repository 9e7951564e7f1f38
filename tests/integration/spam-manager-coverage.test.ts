// How a bare domain mention, the URLs under a domain and the domain itself relate (issue 14, item 1;
// lib/spam-manager/list-coverage.ts): every tab, count, user row, chip and rule agrees, on a real database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { listSpamStrings, getSpamString } from "@/lib/spam-manager/spam-strings";
import { addListEntry, deleteListEntry, listListEntries } from "@/lib/spam-manager/spam-lists";
import { getSpamUser, listSpamUsers, listUserSpamPosts } from "@/lib/spam-manager/spam-users";
import { createSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule } from "@/lib/spam-manager/spam-rules";
import type { SpamKind } from "@/lib/spam-manager/kinds";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2030-03-10T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const post =
  (db: Db, team: Team) =>
  (from: string, text: string, at = T0) =>
    receiveMessage(db, team.service, { from, text, channel: "whatsapp" }, at);
const tab = async (db: Db, actor: Actor, kind: SpamKind, now = minutes(60)) =>
  (await listSpamStrings.fromUntrusted({ db, actor, input: { kind }, now })).items.map((row) => row.value).sort();
const userRow = async (db: Db, actor: Actor, contactId: string) =>
  (await listSpamUsers.fromUntrusted({ db, actor, input: {}, now: minutes(60) })).items.find(
    (u) => u.contact.id === contactId,
  );

describe("a bare domain mention is the domain", () => {
  it("is listed in the Domains tab only, and is one chip for its poster", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sent = await post(db, team)(
      "+15550400001",
      "Cheap stuff at goodshop.com and https://www.goodshop.com/deal",
      T0,
    );
    expect(await tab(db, team.supervisor.actor, "domain")).toEqual(["goodshop.com"]);
    // The bare mention (stored as the URL goodshop.com) does not show twice.
    expect(await tab(db, team.supervisor.actor, "url")).toEqual(["goodshop.com/deal"]);
    const user = await userRow(db, team.supervisor.actor, sent.contactId);
    expect(user?.topStrings.map((s) => [s.kind, s.value, s.list])).toEqual([
      ["domain", "goodshop.com", null],
      ["url", "goodshop.com/deal", null],
    ]);
    const [history] = (
      await listUserSpamPosts.fromUntrusted({
        db,
        actor: team.supervisor.actor,
        contactId: sent.contactId,
        input: {},
        now: minutes(60),
      })
    ).items;
    expect(history?.strings.map((s) => s.value)).toEqual(["goodshop.com", "goodshop.com/deal"]);
  });

  it("typed into a list as a URL, it is listed as the domain", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const bare = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "url", value: "https://www.GoodShop.com/" },
    });
    expect(bare.entry).toMatchObject({ kind: "domain", value: "goodshop.com", list: "deny" });
    const withPath = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "deny",
      input: { kind: "url", value: "https://www.goodshop.com/deal" },
    });
    expect(withPath.entry).toMatchObject({ kind: "url", value: "goodshop.com/deal" });
    // A subdomain or a port is more than the domain: still a URL.
    const sub = await addListEntry({
      db,
      actor: team.supervisor.actor,
      list: "allow",
      input: { kind: "url", value: "shop.goodshop.com" },
    });
    expect(sub.entry).toMatchObject({ kind: "url", value: "shop.goodshop.com" });
  });
});

describe("allowing a domain covers every URL under it", () => {
  it("clears its URLs and its bare mentions from every tab, user row, count and chip", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const shopper = await post(db, team)(
      "+15550410001",
      "I bought it at goodshop.com, see https://goodshop.com/deal and shop.goodshop.com/x",
      T0,
    );
    const spammer = await post(db, team)(
      "+15550410002",
      "goodshop.com/deal is fine but buy at evil.com/pills",
      minutes(1),
    );
    expect(await tab(db, sam, "url")).toEqual(["evil.com/pills", "goodshop.com/deal", "shop.goodshop.com/x"]);

    await addListEntry({
      db,
      actor: sam,
      list: "allow",
      input: { kind: "domain", value: "goodshop.com" },
      now: minutes(2),
    });
    expect(await tab(db, sam, "domain")).toEqual(["evil.com"]);
    expect(await tab(db, sam, "url")).toEqual(["evil.com/pills"]);
    // The shopper posted nothing but allowed strings: not a spam user.
    expect(await userRow(db, sam, shopper.contactId)).toBeUndefined();
    expect(
      (await getSpamUser({ db, actor: sam, contactId: shopper.contactId, now: minutes(60) })).spamPostsInWindow,
    ).toBe(0);
    // The spammer's row shows only what is not allowed.
    const row = await userRow(db, sam, spammer.contactId);
    expect(row).toMatchObject({ spamPosts: 1 });
    expect(row?.topStrings.map((s) => [s.value, s.list])).toEqual([
      ["evil.com", null],
      ["evil.com/pills", null],
    ]);
    // In the spammer's history the allowed strings show as allowed beside the spam.
    const [history] = (
      await listUserSpamPosts.fromUntrusted({
        db,
        actor: sam,
        contactId: spammer.contactId,
        input: {},
        now: minutes(60),
      })
    ).items;
    expect(history?.strings.map((s) => [s.value, s.list])).toEqual([
      ["evil.com", null],
      ["goodshop.com", "allow"],
      ["evil.com/pills", null],
      ["goodshop.com/deal", "allow"],
    ]);
    // A URL's Spam History says what covers it.
    const url = await db.spamString.findFirstOrThrow({
      where: { tenantId: team.tenant.id, kind: "url", value: "goodshop.com/deal" },
    });
    expect(await getSpamString({ db, actor: sam, spamStringId: url.id, now: minutes(60) })).toMatchObject({
      list: null,
      effectiveList: "allow",
      coveredBy: { kind: "domain", value: "goodshop.com", list: "allow" },
    });

    // Taking the domain off the list: its URLs come back with their next post, like the domain.
    const entry = (await listListEntries.fromUntrusted({ db, actor: sam, input: { kind: "domain" } })).items[0]!;
    await deleteListEntry({ db, actor: sam, entryId: entry.id, now: minutes(3) });
    expect(await tab(db, sam, "url", minutes(4))).toEqual(["evil.com/pills"]);
    await post(db, team)("+15550410003", "goodshop.com/deal again", minutes(5));
    expect(await tab(db, sam, "url", minutes(6))).toEqual(["evil.com/pills", "goodshop.com/deal"]);
  });

  it("a URL's own entry wins over its domain's", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const sent = await post(db, team)("+15550420001", "goodshop.com/deal and goodshop.com/phish", T0);
    await addListEntry({
      db,
      actor: sam,
      list: "allow",
      input: { kind: "domain", value: "goodshop.com" },
      now: minutes(1),
    });
    await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "url", value: "goodshop.com/phish" },
      now: minutes(1),
    });
    expect((await userRow(db, sam, sent.contactId))?.topStrings.map((s) => [s.value, s.list])).toEqual([
      ["goodshop.com/phish", "deny"],
    ]);
  });
});

describe("denying a domain covers every URL under it; denying every URL of a domain denies the domain", () => {
  it("shows a poster one red chip per string, their URLs red too", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const sent = await post(db, team)("+15550430001", "go to badshop.com or badshop.com/win", T0);
    await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "badshop.com" },
      now: minutes(1),
    });
    expect(await tab(db, sam, "domain")).toEqual([]);
    expect(await tab(db, sam, "url")).toEqual([]);
    expect((await userRow(db, sam, sent.contactId))?.topStrings.map((s) => [s.kind, s.value, s.list])).toEqual([
      ["domain", "badshop.com", "deny"],
      ["url", "badshop.com/win", "deny"],
    ]);
  });

  it("a domain whose URLs are all denied counts as denied in chips and for rules", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const first = await post(db, team)("+15550440001", "shady.com/1", T0);
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "url", value: "shady.com/1" }, now: minutes(1) });
    expect(await tab(db, sam, "domain")).toEqual([]);
    expect((await userRow(db, sam, first.contactId))?.topStrings.map((s) => [s.value, s.list])).toEqual([
      ["shady.com", "deny"],
      ["shady.com/1", "deny"],
    ]);

    // A burst rule on uncategorized strings does not count a message whose strings are all denied.
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: {
        name: "Burst",
        trigger: "uncategorized_burst",
        params: { threshold: 1, windowMinutes: 60 },
        actionId: flag.id,
      },
    });
    const again = await post(db, team)("+15550440001", "shady.com/1 once more", minutes(2));
    expect(await db.actionLog.count({ where: { tenantId: team.tenant.id } })).toBe(0);
    // …while a new URL of the domain is uncategorized (and brings the domain back).
    await post(db, team)("+15550440001", "shady.com/2", minutes(3));
    expect(await db.actionLog.count({ where: { tenantId: team.tenant.id, contactId: again.contactId } })).toBe(1);
    expect(await tab(db, sam, "domain")).toEqual(["shady.com"]);
  });
});

describe("rules agree with the lists", () => {
  it("a link under an allowed domain is not uncategorized; one under a denied domain is denied", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "goodshop.com" } });
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "badshop.com" } });
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    const mark = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Mark", type: "mark_spam" } });
    await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: {
        name: "Burst",
        trigger: "uncategorized_burst",
        params: { threshold: 1, windowMinutes: 60 },
        actionId: flag.id,
      },
    });
    await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied", trigger: "denied_string", actionId: mark.id },
    });

    const customer = await post(db, team)(
      "+15550450001",
      "my order from https://goodshop.com/orders/77 and goodshop.com",
      T0,
    );
    expect(await db.actionLog.count({ where: { contactId: customer.contactId } })).toBe(0);
    const spammer = await post(db, team)("+15550450002", "www.badshop.com/win", minutes(1));
    expect(
      (
        await db.actionLog.findMany({
          where: { contactId: spammer.contactId },
          select: { actionName: true, status: true },
        })
      ).map((l) => [l.actionName, l.status]),
    ).toEqual([["Mark", "completed"]]);
  });
});

describe("entries made before bare mentions were their domain", () => {
  it("become the domain's entries (migration 20261204180000_bare_domain_url_entries)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const tenantId = team.tenant.id;
    await post(db, team)("+15550460001", "old.com and both.com and both.com/path", T0);
    // As the old code stored them: URL entries for bare mentions, one beside a domain entry.
    await db.spamListEntry.createMany({
      data: [
        { tenantId, list: "deny", kind: "url", value: "old.com" },
        { tenantId, list: "allow", kind: "url", value: "both.com" },
        { tenantId, list: "deny", kind: "domain", value: "both.com" },
        { tenantId, list: "deny", kind: "url", value: "both.com/path" },
      ],
    });
    const sql = readFileSync(
      path.join(import.meta.dirname, "../../prisma/migrations/20261204180000_bare_domain_url_entries/migration.sql"),
      "utf8",
    );
    for (const statement of sql
      .replace(/^--.*$/gm, "")
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean))
      await db.$executeRawUnsafe(statement);

    const entries = await db.spamListEntry.findMany({
      where: { tenantId },
      orderBy: [{ kind: "asc" }, { value: "asc" }],
      select: { kind: true, value: true, list: true },
    });
    expect(entries.map((e) => [e.kind, e.value, e.list])).toEqual([
      ["domain", "both.com", "deny"],
      ["domain", "old.com", "deny"],
      ["url", "both.com/path", "deny"],
    ]);
  });
});
