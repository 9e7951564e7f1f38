// Keyset paging of the Blacklist (lib/blacklist/list-bans.ts listBans, GET /api/v1/bans): every sort and
// direction walked forward by nextCursor and back by prevCursor over many ties and missing values — the same
// rows in the same order as one read, none twice, none missing; a page number's (offset) cursor still
// answered; a cursor of another tenant, another sort or none of ours is a 400, never a 500.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createTeam } from "../factories";
import { bansWhere, listBans, offsetCursor, type BanPage } from "@/lib/blacklist/list-bans";
import { BAN_SORTS, BAN_SOURCES, listBansQuerySchema, type ListBansQuery } from "@/lib/blacklist/ban-schemas";
import { encodeKeyset } from "@/lib/db/cursor";
import { CHANNELS } from "@/lib/channels/channels";
import { GET as listRoute } from "@/app/api/v1/bans/route";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const NOW = at(3600);

/** The whole filter (the list's own, bansWhere) in one read, in the list's order: what the pages must add up to. */
async function referenceIds(db: Db, actor: Actor, input: Record<string, string>): Promise<string[]> {
  const query = listBansQuerySchema.parse(input);
  const nullable = query.sort === "lastHitAt" || query.sort === "expiresAt";
  const column = nullable ? { [query.sort]: { sort: query.dir, nulls: "last" } } : { [query.sort]: query.dir };
  const rows = await db.ban.findMany({
    where: bansWhere(actor.tenantId, query, NOW),
    orderBy: [column as Prisma.BanOrderByWithRelationInput, { id: query.dir }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** 150 bans with ties on every sort column (the id breaks them) and missing expiries and last hits. */
async function seedBans(db: Db, tenantId: string, prefix: string) {
  await db.ban.createMany({
    data: Array.from({ length: 150 }, (_, i) => {
      const deactivated = i % 6 === 5;
      return {
        tenantId,
        channel: CHANNELS[i % CHANNELS.length]!,
        // Identifiers repeat (deactivated bans keep theirs): ties on the identifier sort too.
        identifier: `${prefix}-${i % 40}${deactivated ? "" : `-${i}`}`,
        reason: i % 10 === 0 ? "flood, again" : `reason ${i % 5}`,
        source: BAN_SOURCES[i % BAN_SOURCES.length]!,
        createdByName: ["Ada Admin", "Sam", "API"][i % 3]!,
        createdAt: at(i % 13),
        expiresAt: [null, at(-60), at(7200), at(7200)][i % 4],
        activeSlot: deactivated ? null : "active",
        deactivatedAt: deactivated ? at(100) : null,
        deactivatedByName: deactivated ? "Sam" : null,
        hitCount: i % 4,
        lastHitAt: i % 3 === 0 ? null : at(200 + (i % 5)),
      };
    }),
  });
}

/** Our team and another tenant, each with its seedBans. */
async function teamsWithBans(db: Db) {
  const team = await createTeam(db);
  const other = await createTeam(db);
  await seedBans(db, team.tenant.id, "ours");
  await seedBans(db, other.tenant.id, "theirs");
  return { team, other };
}

const page = (db: Db, actor: Actor, input: Record<string, string>, cursor?: string | null) =>
  listBans.fromUntrusted({ db, actor, now: NOW, input: { ...input, ...(cursor ? { cursor } : {}) } });

describe("the Blacklist pages by keyset", () => {
  it("walks every sort and direction forward and back: the same rows as one read, none twice or missing", async () => {
    const db = testDatabase().prisma;
    const { team } = await teamsWithBans(db);
    const actor = team.admin.actor;

    const queries: Array<Record<string, string>> = [];
    for (const sort of BAN_SORTS) for (const dir of ["asc", "desc"]) queries.push({ status: "all", sort, dir });
    queries.push(
      {},
      { status: "inactive", sort: "lastHitAt", dir: "desc" },
      { status: "active", sort: "expiresAt", dir: "asc" },
      { status: "all", sort: "channel", dir: "asc", q: "flood" },
      { status: "all", sort: "identifier", dir: "desc", channel: "whatsapp" },
    );
    for (const base of queries) {
      const input = { ...base, limit: "11" };
      const label = JSON.stringify(input);
      const expected = await referenceIds(db, actor, input);
      const forward: BanPage[] = [];
      let cursor: string | null | undefined;
      do {
        const next: BanPage = await page(db, actor, input, cursor);
        forward.push(next);
        cursor = next.nextCursor;
      } while (cursor && forward.length < 100);
      const ids = forward.flatMap((p) => p.items.map((item) => item.id));
      expect(ids, label).toEqual(expected);
      expect(new Set(ids).size, label).toBe(ids.length);
      expect(forward[0]!.prevCursor, label).toBeNull();
      expect(
        forward.every((p) => p.total === expected.length),
        label,
      ).toBe(true);

      // Back from the last page: each Previous is the page before, the first has no Previous.
      let back: BanPage = forward.at(-1)!;
      for (let i = forward.length - 2; i >= 0; i--) {
        back = await page(db, actor, input, back.prevCursor);
        expect(
          back.items.map((item) => item.id),
          `${label} back to page ${i + 1}`,
        ).toEqual(forward[i]!.items.map((item) => item.id));
        // Next from a page reached by Previous goes forward again.
        expect(back.nextCursor, label).not.toBeNull();
      }
      if (forward.length > 1) expect(back.prevCursor, label).toBeNull();
    }
    // Hundreds of pages read: in a full integration run on the shared machine (load 13) this took 40 s.
  }, 120_000);

  it("keeps its place while bans are added: a new ban does not push a row of page 1 onto page 2", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await seedBans(db, team.tenant.id, "ours");
    const actor = team.admin.actor;
    const input = { status: "all", limit: "10" };
    const first = await page(db, actor, input);
    await db.ban.create({
      data: {
        tenantId: team.tenant.id,
        channel: "email",
        identifier: "late@example.com",
        reason: "late",
        source: "api",
        createdByName: "API",
        createdAt: at(3000),
      },
    });
    const second = await page(db, actor, input, first.nextCursor);
    const firstIds = new Set(first.items.map((item) => item.id));
    expect(second.items.some((item) => firstIds.has(item.id))).toBe(false);
    const reference = await referenceIds(db, actor, input);
    // Page 2 starts right after page 1's last row, whatever came in above it.
    expect(second.items[0]!.id).toBe(reference[reference.indexOf(first.items.at(-1)!.id) + 1]);
  });

  it("still answers a page number's cursor (an offset), and pages on by keyset from there", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await seedBans(db, team.tenant.id, "ours");
    const actor = team.admin.actor;
    const input = { status: "all", sort: "hitCount", dir: "desc", limit: "10" };
    const expected = await referenceIds(db, actor, input);
    const third = await page(db, actor, input, offsetCursor(20));
    expect(third.items.map((item) => item.id)).toEqual(expected.slice(20, 30));
    expect((await page(db, actor, input, third.nextCursor)).items.map((item) => item.id)).toEqual(
      expected.slice(30, 40),
    );
    expect((await page(db, actor, input, third.prevCursor)).items.map((item) => item.id)).toEqual(
      expected.slice(10, 20),
    );
  });

  it("answers 400 to another tenant's cursor, another sort's, and a forged or broken one", async () => {
    const db = testDatabase().prisma;
    const { team, other } = await teamsWithBans(db);
    const input = { status: "all", sort: "createdAt", dir: "desc", limit: "5" };
    const theirs = await page(db, other.admin.actor, input);
    const ours = await page(db, team.admin.actor, input);
    const refused = async (query: Record<string, string>, cursor: string) => {
      await expect(page(db, team.admin.actor, query, cursor), cursor).rejects.toMatchObject({ status: 400 });
      const answer = await callApi(listRoute, {
        key: team.service.key,
        path: `/api/v1/bans?${new URLSearchParams({ ...query, cursor })}`,
      });
      expect(answer.status, cursor).toBe(400);
      expect(answer.body.error.details.fields[0].field).toBe("cursor");
    };
    await refused(input, theirs.nextCursor!);
    // Ours, but made for another sort or direction: its value would mean something else.
    await refused({ ...input, sort: "identifier" }, ours.nextCursor!);
    await refused({ ...input, dir: "asc" }, ours.nextCursor!);
    const [tag] = JSON.parse(Buffer.from(ours.nextCursor!, "base64url").toString()) as [string];
    for (const forged of [
      "not a cursor",
      "!!!",
      encodeKeyset([tag, "a", 1e20, "x"]),
      encodeKeyset([tag, "a", "yesterday", "x"]),
      encodeKeyset([tag, "x", Date.now(), "x"]),
      encodeKeyset([tag, "a", Date.now(), "a\u0000b"]),
      encodeKeyset([tag, "a", Date.now()]),
      Buffer.from("99999999999").toString("base64url"),
      Buffer.from("-5").toString("base64url"),
      Buffer.from('{"a":1}').toString("base64url"),
    ])
      await refused(input, forged);
    await refused(
      { ...input, sort: "channel" },
      encodeKeyset([cursorTagOf(await pageFor("channel")), "a", "fax", "x"]),
    );
    await refused({ ...input, sort: "hitCount" }, encodeKeyset([cursorTagOf(await pageFor("hitCount")), "a", -1, "x"]));

    async function pageFor(sort: ListBansQuery["sort"]) {
      return page(db, team.admin.actor, { ...input, sort });
    }
  });

  it("pages by the longest identifiers a ban may have (320 characters of 3 UTF-8 bytes each)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.ban.createMany({
      data: Array.from({ length: 5 }, (_, i) => ({
        tenantId: team.tenant.id,
        channel: "messenger" as const,
        identifier: `${i}${"中".repeat(319)}`,
        reason: "long",
        source: "api" as const,
        createdByName: "API",
      })),
    });
    const input = { status: "all", sort: "identifier", dir: "asc", limit: "2" };
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const next: BanPage = await page(db, team.admin.actor, input, cursor);
      ids.push(...next.items.map((item) => item.identifier[0]!));
      cursor = next.nextCursor;
    } while (cursor);
    expect(ids).toEqual(["0", "1", "2", "3", "4"]);
  });

  it("answers the API's page with nextCursor, prevCursor and total, as declared", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await seedBans(db, team.tenant.id, "ours");
    const first = await callApi(listRoute, { key: team.service.key, path: "/api/v1/bans?status=all&limit=60" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ prevCursor: null, total: 150 });
    const second = await callApi(listRoute, {
      key: team.service.key,
      path: `/api/v1/bans?status=all&limit=60&cursor=${first.body.nextCursor}`,
    });
    const third = await callApi(listRoute, {
      key: team.service.key,
      path: `/api/v1/bans?status=all&limit=60&cursor=${second.body.nextCursor}`,
    });
    expect(third.body.items).toHaveLength(30);
    expect(third.body.nextCursor).toBeNull();
    const back = await callApi(listRoute, {
      key: team.service.key,
      path: `/api/v1/bans?status=all&limit=60&cursor=${third.body.prevCursor}`,
    });
    expect(back.body.items).toEqual(second.body.items);
  });
});

function cursorTagOf(page: BanPage): string {
  return (JSON.parse(Buffer.from(page.nextCursor!, "base64url").toString()) as [string])[0];
}
