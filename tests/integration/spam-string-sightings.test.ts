// A spam string seen again costs its message an occurrence row and no rewrite of the string's row
// (lib/spam-manager/known-spam-strings.ts): its last sighting is written behind, a string deleted meanwhile
// is recorded anew, and deleting orphan strings never takes an occurrence being inserted. On a real
// database; the interleavings of two connections run on PostgreSQL (the embedded database has one).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import type { Db } from "@/lib/db";
import { POST as postMessage } from "@/app/api/v1/messages/route";
import { createBan } from "@/lib/blacklist/manage-bans";
import { recordSpamStrings } from "@/lib/spam-manager/record-spam-strings";
import { flushSpamStringSightings, knownSpamStringId } from "@/lib/spam-manager/known-spam-strings";
import { purgeSpamOccurrences } from "@/lib/spam-manager/retention";
import { postgresConfigFromUrl } from "@/lib/db/postgres-adapter";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2030-03-01T12:00:00Z");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

function recorder(db: Db, team: Team) {
  let n = 0;
  return (text: string, createdAt: Date, messageId = `message-${++n}`) =>
    recordSpamStrings(db, {
      tenantId: team.tenant.id,
      messageId,
      contactId: "contact",
      conversationId: "conversation",
      channel: "whatsapp",
      text,
      createdAt,
      region: "US",
    });
}

async function stringRow(db: Db, tenantId: string, value: string) {
  const [row] = await db.$queryRaw<Array<{ id: string; lastSeenAt: Date; version: string }>>`
    SELECT "id", "lastSeenAt", xmin::text AS "version" FROM "SpamString"
     WHERE "tenantId" = ${tenantId} AND "kind" = 'url' AND "value" = ${value}`;
  return row;
}

describe("a spam string seen again", () => {
  it("adds an occurrence and leaves the string's row alone until its sighting is written", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const record = recorder(db, team);
    await record("win at prizeland.com/claim", seconds(0));
    const first = await stringRow(db, team.tenant.id, "prizeland.com/claim");
    expect(first?.lastSeenAt).toEqual(seconds(0));

    await record("again prizeland.com/claim", seconds(5));
    await record("and again prizeland.com/claim", seconds(9));
    // The same row version: no UPDATE of it per message (xmin changes with every rewrite).
    expect(await stringRow(db, team.tenant.id, "prizeland.com/claim")).toEqual(first);
    expect(await db.spamStringOccurrence.count({ where: { spamStringId: first!.id } })).toBe(3);

    await flushSpamStringSightings();
    const written = await stringRow(db, team.tenant.id, "prizeland.com/claim");
    expect(written?.id).toBe(first?.id);
    expect(written?.lastSeenAt).toEqual(seconds(9));
    // An older message recorded late never moves it back.
    await record("late prizeland.com/claim", seconds(2));
    await flushSpamStringSightings();
    expect((await stringRow(db, team.tenant.id, "prizeland.com/claim"))?.lastSeenAt).toEqual(seconds(9));
  });

  it("is recorded anew when its row was deleted since this instance learned its id", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const record = recorder(db, team);
    await record("win at gone-away.com/x", seconds(0));
    const first = await stringRow(db, team.tenant.id, "gone-away.com/x");
    expect(knownSpamStringId(team.tenant.id, { kind: "url", value: "gone-away.com/x" })).toBe(first?.id);
    await db.spamString.deleteMany({ where: { tenantId: team.tenant.id } }); // as retention would

    const recorded = await record("back at gone-away.com/x", seconds(3), "message-back");
    expect(recorded.strings.map((s) => s.value)).toEqual(["gone-away.com", "gone-away.com/x"]);
    const again = await stringRow(db, team.tenant.id, "gone-away.com/x");
    expect(again?.id).not.toBe(first?.id);
    expect(again?.lastSeenAt).toEqual(seconds(3));
    expect(await db.spamStringOccurrence.count({ where: { spamStringId: again!.id, messageId: "message-back" } })).toBe(
      1,
    );
    expect(knownSpamStringId(team.tenant.id, { kind: "url", value: "gone-away.com/x" })).toBe(again?.id);
  });

  it("in the cheap lane: a banned sender's flood of one link stores every message and occurrence", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const from = "+447700900321";
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: from, reason: "flood" },
      source: "admin_add",
    });
    const post = (text: string) =>
      callApi(postMessage, {
        path: "/api/v1/messages",
        key: team.service.key,
        body: { channel: "whatsapp", from, text },
      });
    expect((await post("first, no link")).status).toBe(202); // its conversation: the rest take the cheap lane
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await post(`buy now ${i} https://floodwin.net/win`));
    expect(answers.every((res) => res.status === 202 && res.body.admitted === false)).toBe(true);
    const url = await stringRow(db, team.tenant.id, "floodwin.net/win");
    expect(url).toBeDefined();
    const occurrences = await db.spamStringOccurrence.findMany({
      where: { spamStringId: url!.id },
      select: { messageId: true },
    });
    expect(occurrences.map((o) => o.messageId).sort()).toEqual(answers.map((res) => res.body.messageId).sort());
  });
});

describe("deleting orphan strings (retention) beside ingest", () => {
  it("keeps a string whose occurrence is being inserted, and ingest re-records one deleted first", async () => {
    const handle = testDatabase();
    const db = handle.prisma;
    const team = await createTeam(db);
    const record = recorder(db, team);
    await record("old-deals.com/a", days(-40), "old-message");
    await db.spamStringOccurrence.deleteMany({ where: { tenantId: team.tenant.id } }); // retention's first half
    const old = await stringRow(db, team.tenant.id, "old-deals.com/a");
    expect(knownSpamStringId(team.tenant.id, { kind: "url", value: "old-deals.com/a" })).toBe(old?.id);

    if (handle.kind === "postgres" && handle.url) {
      // A message inserting its occurrence (known id, no upsert) holds the string's row while the
      // retention runs: the retention skips it and, once the message commits, the string has its occurrence.
      const other = new pg.Client(postgresConfigFromUrl(handle.url));
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query(
          `INSERT INTO "SpamStringOccurrence" ("id", "tenantId", "spamStringId", "messageId", "contactId",
             "conversationId", "channel", "createdAt", "raw", "obfuscated")
           VALUES ('occ-in-flight', $1, $2, 'in-flight', 'c', 'v', 'whatsapp', $3, 'old-deals.com/a', false)`,
          [team.tenant.id, old!.id, T0],
        );
        await purgeSpamOccurrences(db, T0);
        // The bare domain, whose row nothing holds, is gone; the URL's row was skipped.
        const domains = await db.spamString.count({ where: { tenantId: team.tenant.id, kind: "domain" } });
        expect(domains).toBe(0);
        await other.query("COMMIT");
      } finally {
        await other.end();
      }
      expect(await stringRow(db, team.tenant.id, "old-deals.com/a")).toBeDefined();
      expect(await db.spamStringOccurrence.count({ where: { spamStringId: old!.id } })).toBe(1);
      await db.spamStringOccurrence.deleteMany({ where: { tenantId: team.tenant.id } });
    }

    // Deleted by the retention before the message: the message records the string anew.
    const purged = await purgeSpamOccurrences(db, T0);
    expect(purged.stringsDeleted).toBeGreaterThanOrEqual(1);
    expect(await stringRow(db, team.tenant.id, "old-deals.com/a")).toBeUndefined();
    await record("again old-deals.com/a", T0, "new-message");
    const renewed = await stringRow(db, team.tenant.id, "old-deals.com/a");
    expect(renewed?.id).not.toBe(old?.id);
    expect(await db.spamStringOccurrence.count({ where: { spamStringId: renewed!.id } })).toBe(1);
  });
});
