// The Sessions search (lib/sessions/list-sessions.ts) reads the conversations matching by contact name, by
// identity and by last message preview apart (each on its own trigram index) and merges them: the pages must
// be those of the one OR query it replaced — same rows, same order, across ties and pages, none twice, none
// missing — and only the tenant's own.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam } from "../factories";
import { listSessions } from "@/lib/sessions/list-sessions";
import { containsText } from "@/lib/db/text-search";
import { visibleConversationsWhere } from "@/lib/policy";
import { CHANNELS } from "@/lib/channels/channels";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db";

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);

/** 60 conversations over 30 contacts; names, identifiers and previews share words; times tie in threes. */
async function seedInbox(db: Db, tenantId: string) {
  for (let k = 0; k < 30; k++) {
    const contact = await db.contact.create({
      data: { tenantId, name: k % 4 === 0 ? `Robin Offer ${k}` : `Kim Lee ${k}` },
    });
    await db.contactIdentity.create({
      data: {
        tenantId,
        contactId: contact.id,
        channel: CHANNELS[k % CHANNELS.length]!,
        identifier: k % 5 === 0 ? `offer-${k}@example.com` : `user-${k}@example.com`,
      },
    });
    for (let c = 0; c < 2; c++) {
      const n = k * 2 + c;
      await db.conversation.create({
        data: {
          tenantId,
          contactId: contact.id,
          channel: CHANNELS[k % CHANNELS.length]!,
          status: n % 3 === 0 ? "resolved" : "open",
          bucket: n % 3 === 0 ? "resolved" : "active",
          lastMessageAt: new Date(T0 - Math.floor(n / 3) * 60_000),
          lastMessagePreview: n % 7 === 0 ? `Special OFFER for you ${n}` : `hello ${n}`,
        },
      });
    }
  }
}

/** The one OR query the search was before: what the merged reads must equal. */
async function referenceIds(db: Db, actor: Actor, text: string): Promise<string[]> {
  const contains = containsText(text);
  const rows = await db.conversation.findMany({
    where: {
      AND: [
        visibleConversationsWhere(actor),
        {
          OR: [
            { contact: { name: contains } },
            { contact: { identities: { some: { identifier: contains } } } },
            { lastMessagePreview: contains },
          ],
        },
      ],
    },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

describe("the Sessions search", () => {
  it("pages the matches by name, identifier and preview as one list: same rows and order as one OR query", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    await seedInbox(db, team.tenant.id);
    await seedInbox(db, other.tenant.id);
    const actor = team.admin.actor;
    for (const q of ["offer", "OFFER 1", "robin", "user-1", "@example.com", "hello 4", "nothing like it", "%", "_"]) {
      const expected = await referenceIds(db, actor, q);
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const input: Record<string, string> = { q, limit: "4", ...(cursor ? { cursor } : {}) };
        const page = await listSessions.fromUntrusted({ db, actor, input });
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor && ++pages < 50);
      expect(ids, q).toEqual(expected);
      expect(new Set(ids).size, q).toBe(ids.length);
    }
    // "offer" matches in all three places, and only ours.
    expect((await referenceIds(db, actor, "offer")).length).toBeGreaterThan(10);
    const theirs = new Set((await db.conversation.findMany({ where: { tenantId: other.tenant.id } })).map((c) => c.id));
    const all = await listSessions.fromUntrusted({ db, actor, input: { q: "offer", limit: "100" } });
    expect(all.items.some((item) => theirs.has(item.id))).toBe(false);
  });

  it("keeps the other filters with the search: an agent without All sees only what they may", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    await seedInbox(db, team.tenant.id);
    const limited = team.limited.actor;
    const expected = await referenceIds(db, limited, "offer");
    const page = await listSessions.fromUntrusted({ db, actor: limited, input: { q: "offer", limit: "100" } });
    expect(page.items.map((item) => item.id)).toEqual(expected);
    const resolved = await listSessions.fromUntrusted({
      db,
      actor: team.admin.actor,
      input: { q: "offer", status: "resolved", limit: "100" },
    });
    expect(resolved.items.length).toBeGreaterThan(0);
    expect(resolved.items.every((item) => item.status === "resolved")).toBe(true);
  });
});
