// The Blacklist's CSV export, streamed in batches (lib/blacklist/list-bans.ts exportBansCsv): the same bytes
// as the single-read export it replaced, the filter and sort across batch boundaries, the row cap, the stream's
// ends (client hangs up, database fails), and contact names only from the ban's own tenant.
import { describe, expect, it, vi } from "vitest";
import { testDatabase, createTestDatabase } from "../helpers/test-database";
import { callApi } from "../helpers/api";
import { createAgent, createTeam, createTenant } from "../factories";
import { CSV_LIMIT, exportBansCsv, listBans } from "@/lib/blacklist/list-bans";
import { getBan } from "@/lib/blacklist/manage-bans";
import { contactNamesFor } from "@/lib/blacklist/manage-bans";
import { activeBanWhere, banSelect, inactiveBanWhere, toBanView } from "@/lib/blacklist/ban-view";
import { BAN_SORTS, BAN_SOURCES, listBansQuerySchema, type ListBansQuery } from "@/lib/blacklist/ban-schemas";
import { containsText } from "@/lib/db/text-search";
import { CHANNELS } from "@/lib/channels/channels";
import { GET as exportRoute } from "@/app/api/v1/bans/export/route";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";

// ---- The export as it was before it streamed (one read of every row, one string), kept as the reference. ----
function referenceWhere(tenantId: string, query: ListBansQuery, now: Date): Prisma.BanWhereInput {
  const and: Prisma.BanWhereInput[] = [{ tenantId }];
  if (query.status === "active") and.push(activeBanWhere(now));
  if (query.status === "inactive") and.push(inactiveBanWhere(now));
  if (query.channel) and.push({ channel: query.channel });
  if (query.q) {
    const contains = containsText(query.q);
    and.push({ OR: [{ identifier: contains }, { reason: contains }, { createdByName: contains }] });
  }
  return { AND: and };
}

function referenceOrderBy(query: ListBansQuery): Prisma.BanOrderByWithRelationInput[] {
  const direction = query.dir;
  const column =
    query.sort === "lastHitAt" || query.sort === "expiresAt"
      ? { [query.sort]: { sort: direction, nulls: "last" as const } }
      : { [query.sort]: direction };
  return [column as Prisma.BanOrderByWithRelationInput, { id: direction }];
}

function referenceCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const REFERENCE_COLUMNS =
  "id,channel,identifier,contact,reason,source,bannedBy,bannedAt,expiresAt,status," +
  "deactivatedBy,deactivatedAt,hits,lastHitAt";

async function referenceCsv(db: Db, actor: Actor, input: unknown, now: Date, take = 100_000): Promise<string> {
  return (await referenceExport(db, actor, input, now, take)).csv;
}

async function referenceExport(db: Db, actor: Actor, input: unknown, now: Date, take = 100_000) {
  const query = listBansQuerySchema.parse(input);
  const rows = await db.ban.findMany({
    where: referenceWhere(actor.tenantId, query, now),
    orderBy: referenceOrderBy(query),
    take,
    select: banSelect,
  });
  const names = await contactNamesFor(db, actor.tenantId, rows);
  const lines = [REFERENCE_COLUMNS];
  for (const row of rows) {
    const ban = toBanView(row, names, now);
    lines.push(
      [
        ban.id,
        ban.channel,
        ban.identifier,
        ban.contact?.name,
        ban.reason,
        ban.source,
        ban.createdBy.name,
        ban.createdAt,
        ban.expiresAt,
        ban.status,
        ban.deactivatedBy?.name,
        ban.deactivatedAt,
        ban.hitCount,
        ban.lastHitAt,
      ]
        .map(referenceCell)
        .join(","),
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: rows.length };
}
// ---- end of the reference ----

/** The stream's chunks, as text (each chunk is whole lines: one batch). */
async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(decoder.decode(chunk));
  return chunks;
}

/** A real client that counts its reads of bans: to see when the export reads, and when it stops. */
function countingBanReads(db: Db): { db: Db; reads: () => number } {
  let reads = 0;
  const counted = db.$extends({
    query: {
      ban: {
        findMany({ args, query }) {
          reads++;
          return query(args);
        },
      },
    },
  }) as unknown as Db;
  return { db: counted, reads: () => reads };
}

const T0 = Date.parse("2026-03-01T10:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const AWKWARD = [
  'say "hi"',
  "a,b,c",
  "line one\nline two",
  "crlf\r\nend",
  '=HYPERLINK("http://evil")',
  "+1+1",
  "-2",
  "@SUM(A1)",
  "\ttabbed",
  "\rreturn",
  "naïve — ☃ 𝄞",
  "plain",
  "'already quoted",
  " leading space",
];

describe("blacklist CSV export, streamed", () => {
  it("writes byte for byte what the single-read export wrote, for every sort and direction, in batches", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTenant(db);
    const contacts = await Promise.all(
      ['Doe, "Jo"', "=cmd|' /C calc'!A0", "Zoë\nTwo lines"].map((name) =>
        db.contact.create({ data: { tenantId: team.tenant.id, name } }),
      ),
    );
    const foreign = await db.contact.create({ data: { tenantId: other.id, name: "Foreign Secret Name" } });
    const contactFor = [null, contacts[0]!.id, contacts[1]!.id, contacts[2]!.id, foreign.id];
    const now = at(3600);
    await db.ban.createMany({
      data: Array.from({ length: 300 }, (_, i) => {
        const deactivated = i % 6 === 5;
        return {
          tenantId: team.tenant.id,
          channel: CHANNELS[i % CHANNELS.length]!,
          identifier: `${AWKWARD[i % AWKWARD.length]}-${i}`,
          reason: AWKWARD[(i * 5) % AWKWARD.length]!,
          source: BAN_SOURCES[i % BAN_SOURCES.length]!,
          contactId: contactFor[i % contactFor.length],
          createdByName: ["Ada, Admin", "=Bob", "Plain Name", 'Q "uote"'][i % 4]!,
          // Many ties on every sort column: the id breaks them, and batches end inside runs of equal values.
          createdAt: at(i % 13),
          expiresAt: [null, at(-60), at(7200), at(7200)][i % 4],
          activeSlot: deactivated ? null : "active",
          deactivatedAt: deactivated ? at(100 + (i % 3)) : null,
          deactivatedByName: deactivated ? [null, "-dash", "Sam"][i % 3] : null,
          hitCount: i % 4,
          lastHitAt: i % 3 === 0 ? null : at(200 + (i % 5)),
        };
      }),
    });
    // Another tenant's bans never appear.
    await db.ban.create({
      data: {
        tenantId: other.id,
        channel: "email",
        identifier: "other@tenant.test",
        reason: "x",
        source: "api",
        createdByName: "X",
      },
    });

    const actor = team.admin.actor;
    const queries: Array<Record<string, string>> = [];
    for (const sort of BAN_SORTS) for (const dir of ["asc", "desc"]) queries.push({ status: "all", sort, dir });
    queries.push(
      { status: "active", sort: "expiresAt", dir: "asc" },
      { status: "inactive", sort: "lastHitAt", dir: "desc" },
      { status: "all", sort: "channel", dir: "desc", q: "line" },
      { status: "all", sort: "identifier", dir: "asc", channel: "whatsapp" },
      { status: "all", sort: "hitCount", dir: "asc", q: "," },
      {}, // the defaults: active, createdAt desc
    );
    for (const input of queries) {
      const { csv: expected, rows } = await referenceExport(db, actor, input, now);
      const chunks = await chunksOf(await exportBansCsv.fromUntrusted({ db, actor, now, input, batchSize: 7 }));
      expect(chunks.join(""), JSON.stringify(input)).toBe(expected);
      // One chunk per batch of 7 (the header rides with the first).
      expect(chunks.length, JSON.stringify(input)).toBe(Math.max(1, Math.ceil(rows / 7)));
    }

    const all = await new Response(
      await exportBansCsv.fromUntrusted({ db, actor, now, input: { status: "all" }, batchSize: 7 }),
    ).text();
    expect(all).not.toContain("Foreign Secret Name");
    expect(all).not.toContain("other@tenant.test");
    expect(all).toContain(`"Doe, ""Jo"""`);
    expect(all).toContain(`"'=HYPERLINK(""http://evil"")-4"`);
    expect(all).toContain(",'=cmd|' /C calc'!A0,");
  });

  it("writes the format it always wrote: header, escaping, formula defusing, CRLF", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const contact = await db.contact.create({ data: { tenantId: team.tenant.id, name: 'Zoë, "Z"' } });
    const now = at(3600);
    const withContact = await db.ban.create({
      data: {
        tenantId: team.tenant.id,
        channel: "email",
        identifier: "=evil@example.com",
        reason: 'two\nlines, "quoted"',
        source: "admin_add",
        contactId: contact.id,
        createdByName: "@admin",
        createdAt: at(1),
        hitCount: 3,
        lastHitAt: at(2),
      },
    });
    const plain = await db.ban.create({
      data: {
        tenantId: team.tenant.id,
        channel: "whatsapp",
        identifier: "+447700900001",
        reason: "plain",
        source: "api",
        createdByName: "Key",
        createdAt: at(0),
        expiresAt: at(60),
        activeSlot: null,
        deactivatedAt: at(30),
        deactivatedByName: null,
      },
    });
    const csv = await new Response(
      await exportBansCsv.fromUntrusted({ db, actor: team.admin.actor, now, input: { status: "all" } }),
    ).text();
    expect(csv).toBe(
      `${REFERENCE_COLUMNS}\r\n` +
        `${withContact.id},email,'=evil@example.com,"Zoë, ""Z""","two\nlines, ""quoted""",admin_add,'@admin,` +
        "2026-03-01T10:00:01.000Z,,active,,,3,2026-03-01T10:00:02.000Z\r\n" +
        `${plain.id},whatsapp,'+447700900001,,plain,api,Key,2026-03-01T10:00:00.000Z,2026-03-01T10:01:00.000Z,` +
        "inactive,?,2026-03-01T10:00:30.000Z,0,\r\n",
    );
    // No bans: the header alone.
    const none = await new Response(
      await exportBansCsv.fromUntrusted({ db, actor: team.admin.actor, now, input: { q: "nothing matches" } }),
    ).text();
    expect(none).toBe(`${REFERENCE_COLUMNS}\r\n`);
  });

  it("keeps the filter and the sort across batches of 1,000, and stops at the row cap", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const now = at(3600);
    const rows = (channel: "email" | "webchat", prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        tenantId: team.tenant.id,
        channel,
        identifier: `${prefix}${String((i * 7919) % count).padStart(5, "0")}@example.com`,
        reason: i % 10 === 0 ? "matches the search" : "other",
        source: "api" as const,
        createdByName: "Key",
        createdAt: at(i % 50),
        hitCount: i % 3,
        lastHitAt: i % 4 === 0 ? null : at(100 + (i % 17)),
      }));
    await db.ban.createMany({ data: [...rows("email", "e", 2_500), ...rows("webchat", "w", 700)] });
    const actor = team.admin.actor;

    for (const input of [
      { channel: "email", sort: "identifier", dir: "asc" },
      { channel: "email", sort: "lastHitAt", dir: "asc" },
      { channel: "email", sort: "hitCount", dir: "desc" },
      { status: "all", sort: "createdAt", dir: "desc" },
      { q: "matches", sort: "lastHitAt", dir: "desc" },
    ]) {
      const expected = await referenceCsv(db, actor, input, now);
      const chunks = await chunksOf(await exportBansCsv.fromUntrusted({ db, actor, now, input, batchSize: 1_000 }));
      expect(chunks.join(""), JSON.stringify(input)).toBe(expected);
      expect(chunks.map((chunk) => chunk.split("\r\n").length - 1)).toEqual(
        input.channel === "email" ? [1_001, 1_000, 500] : input.q ? [321] : [1_001, 1_000, 1_000, 200],
      );
    }

    // The cap, inside a batch and at a batch's end.
    for (const maxRows of [2_200, 2_000]) {
      const input = { channel: "email", sort: "identifier", dir: "desc" };
      const expected = await referenceCsv(db, actor, input, now, maxRows);
      const { db: counted, reads } = countingBanReads(db);
      const csv = await new Response(
        await exportBansCsv.fromUntrusted({ db: counted, actor, now, input, batchSize: 1_000, maxRows }),
      ).text();
      expect(csv).toBe(expected);
      expect(csv.split("\r\n")).toHaveLength(maxRows + 2);
      expect(reads()).toBe(Math.ceil(maxRows / 1_000)); // nothing read past the cap, not even to find the end
    }
    expect(CSV_LIMIT).toBe(100_000);
  });

  it("checks who asks before reading a row, and reads only as the client takes the text", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.ban.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({
        tenantId: team.tenant.id,
        channel: "email" as const,
        identifier: `u${i}@example.com`,
        reason: "r",
        source: "api" as const,
        createdByName: "Key",
      })),
    });
    const { db: counted, reads } = countingBanReads(db);

    // An agent is refused before the query is even parsed, and nothing is read.
    await expect(
      exportBansCsv.fromUntrusted({ db: counted, actor: team.agent.actor, input: { sort: "bogus" } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      exportBansCsv.fromUntrusted({ db: counted, actor: team.admin.actor, input: { sort: "bogus" } }),
    ).rejects.toMatchObject({ status: 400 });
    expect(reads()).toBe(0);

    // The first batch is read before the stream is handed over; the next ones as the client reads.
    const stream = await exportBansCsv.fromUntrusted({
      db: counted,
      actor: team.admin.actor,
      input: {},
      batchSize: 10,
    });
    expect(reads()).toBe(1);
    const reader = stream.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads()).toBe(1);
    await reader.read();
    expect(reads()).toBe(2);
    // The client hangs up: no further batch is read.
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads()).toBe(2);
  });

  it("errors the stream when the database fails mid-export, instead of ending it as if complete", async () => {
    const handle = await createTestDatabase();
    let closed = false;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const db = handle.prisma;
      const tenant = await createTenant(db);
      const admin = await createAgent(db, tenant.id, { role: "ADMIN" });
      await db.ban.createMany({
        data: Array.from({ length: 25 }, (_, i) => ({
          tenantId: tenant.id,
          channel: "email" as const,
          identifier: `u${i}@example.com`,
          reason: "r",
          source: "api" as const,
          createdByName: "Key",
        })),
      });
      const reader = (
        await exportBansCsv.fromUntrusted({ db, actor: admin.actor, input: {}, batchSize: 10 })
      ).getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value).split("\r\n")).toHaveLength(12);
      await handle.close();
      closed = true;
      await expect(reader.read()).rejects.toBeDefined();
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining("[bans export] the database failed mid-export"),
        expect.anything(),
      );
    } finally {
      errors.mockRestore();
      if (!closed) await handle.close();
    }
  });

  it("names a ban's contact only from the ban's own tenant", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTenant(db);
    const foreign = await db.contact.create({ data: { tenantId: other.id, name: "Foreign Secret Name" } });
    const own = await db.contact.create({ data: { tenantId: team.tenant.id, name: "Own Contact" } });
    const base = {
      tenantId: team.tenant.id,
      channel: "email" as const,
      reason: "r",
      source: "api" as const,
      createdByName: "K",
    };
    const pointingAway = await db.ban.create({
      data: { ...base, identifier: "away@example.com", contactId: foreign.id },
    });
    await db.ban.create({ data: { ...base, identifier: "own@example.com", contactId: own.id } });
    const actor = team.admin.actor;

    expect(await contactNamesFor(db, team.tenant.id, [{ contactId: foreign.id }, { contactId: own.id }])).toEqual(
      new Map([[own.id, "Own Contact"]]),
    );
    const csv = await new Response(await exportBansCsv.fromUntrusted({ db, actor, input: {}, batchSize: 1 })).text();
    expect(csv).not.toContain("Foreign Secret Name");
    expect(csv).toContain(`${pointingAway.id},email,away@example.com,Unknown contact,`);
    expect(csv).toContain(",own@example.com,Own Contact,");
    const listed = await listBans.fromUntrusted({ db, actor, input: {} });
    expect(listed.items.find((b) => b.id === pointingAway.id)?.contact).toEqual({
      id: foreign.id,
      name: "Unknown contact",
    });
    expect((await getBan({ db, actor, banId: pointingAway.id })).contact?.name).toBe("Unknown contact");
  });

  it("answers the API: 400 and 403 in the error shape, then the CSV as a stream with its headers", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await db.ban.create({
      data: {
        tenantId: team.tenant.id,
        channel: "email",
        identifier: "a@b.com",
        reason: 'x,"y"',
        source: "api",
        createdByName: "K",
      },
    });
    const bad = await callApi(exportRoute, { key: team.service.key, path: "/api/v1/bans/export?sort=bogus" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["sort"]);
    const refused = await callApi(exportRoute, {
      key: team.service.key,
      agentId: team.agent.agent.id,
      path: "/api/v1/bans/export",
    });
    expect(refused.status).toBe(403);

    const { NextRequest } = await import("next/server");
    const response = await exportRoute(
      new NextRequest("http://localhost/api/v1/bans/export?status=all&sort=identifier&dir=asc", {
        headers: { authorization: `Bearer ${team.service.key}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="blacklist-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    const text = await response.text();
    expect(text).toBe(
      await referenceCsv(db, team.service, { status: "all", sort: "identifier", dir: "asc" }, new Date()),
    );
    expect(text).toContain(`,"x,""y""",`);
  });
});
