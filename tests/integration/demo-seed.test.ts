// The demo tenant looks like a team that has worked a while (issue 14, item 5): every page has
// something true to show, written through the same use cases the app runs.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { seedDemoTenant } from "@/lib/seed/demo";
import { loadAgentActor } from "@/lib/auth/agents";
import { countConversations, listConversations } from "@/lib/inbox/list-conversations";
import { listBans } from "@/lib/blacklist/list-bans";
import { listLiveChatBlocks } from "@/lib/live-chat/list-blocks";
import { listListEntries } from "@/lib/spam-manager/spam-lists";
import { listSpamUsers } from "@/lib/spam-manager/spam-users";
import { listActionLog } from "@/lib/spam-manager/action-log";
import { listSpamRules } from "@/lib/spam-manager/spam-rules";
import { listSpamActions } from "@/lib/spam-manager/spam-actions";
import { listLabels } from "@/lib/labels/manage-labels";

describe("the demo tenant", () => {
  it("has used labels, assigned/resolved/waiting chats, spam marks, bans, a block, lists, a rule, logs", async () => {
    const db = testDatabase().prisma;
    const now = new Date();
    const demo = await seedDemoTenant(db, now);
    const admin = (await loadAgentActor(db, demo.users.find((u) => u.role === "ADMIN")!.id, demo.tenantId))!;

    // Labels, each on some chats (the first thing a newcomer tries: label a chat).
    const labels = await listLabels({ db, actor: admin });
    expect(labels.map((l) => l.name)).toEqual(
      expect.arrayContaining(["Billing", "Shipping", "Refund", "Bug", "VIP", "Feature request"]),
    );
    expect(labels.every((l) => l.conversationCount > 0)).toBe(true);

    // Lists with something in each: assigned, resolved, a short queue of visitors waiting right now.
    const counts = await countConversations({ db, actor: admin });
    expect(counts.all).toBeGreaterThan(100);
    expect(counts.spam).toBeGreaterThan(0);
    expect(counts.waiting).toBeGreaterThanOrEqual(1);
    expect(counts.waiting).toBeLessThanOrEqual(10);
    const waiting = await listConversations.fromUntrusted({ db, actor: admin, input: { list: "waiting" } });
    expect(
      waiting.items.every(
        (c) => c.channel === "webchat" && c.queuedAt && now.getTime() - Date.parse(c.queuedAt) < 30 * 60_000,
      ),
    ).toBe(true);
    expect(
      (await listConversations.fromUntrusted({ db, actor: admin, input: { list: "resolved" } })).items.length,
    ).toBeGreaterThan(0);
    expect(
      await db.conversation.count({ where: { tenantId: demo.tenantId, assigneeId: { not: null } } }),
    ).toBeGreaterThan(50);

    // Spam scores from the first start (issue 18): every incoming message, and each chat its highest.
    expect(await db.message.count({ where: { tenantId: demo.tenantId, direction: "in", spamScore: null } })).toBe(0);
    expect(
      await db.conversation.count({ where: { tenantId: demo.tenantId, spamScore: { gte: 0.9 } } }),
    ).toBeGreaterThan(0);
    expect(await db.conversation.count({ where: { tenantId: demo.tenantId, spamScore: { lt: 0.1 } } })).toBeGreaterThan(
      50,
    );

    // Two users marked as spam, by two people, with their trait.
    const marked = await db.contact.findMany({
      where: { tenantId: demo.tenantId, spamMarkedAt: { not: null } },
      select: { spamMarkedById: true },
    });
    expect(marked).toHaveLength(2);
    expect(new Set(marked.map((c) => c.spamMarkedById)).size).toBe(2);

    // An active ban and an expired one.
    const bans = await listBans.fromUntrusted({ db, actor: admin, input: { status: "all" }, now });
    expect(bans.items.map((b) => b.status).sort()).toEqual(["active", "expired"]);
    // The banned client wrote again: refused (a hit), kept, in no agent list.
    expect(bans.items.find((b) => b.status === "active")).toMatchObject({ hitCount: 1 });
    expect(await db.conversation.count({ where: { tenantId: demo.tenantId, bucket: "banned" } })).toBe(1);

    // A live-chat block in force.
    const blocks = await listLiveChatBlocks.fromUntrusted({ db, actor: admin, input: {}, now });
    expect(blocks.items.filter((b) => b.status === "active")).toHaveLength(1);

    // Denied and allowed spam strings, a rule and actions, and log entries both manual and by the rule.
    const entries = (await listListEntries.fromUntrusted({ db, actor: admin, input: {} })).items;
    expect(entries.filter((e) => e.list === "deny").length).toBeGreaterThanOrEqual(2);
    expect(entries.filter((e) => e.list === "allow").map((e) => e.value)).toContain("royalmail.com");
    expect(entries.filter((e) => e.list === "deny").every((e) => e.posts > 0)).toBe(true);
    expect(await listSpamRules({ db, actor: admin })).toEqual([
      expect.objectContaining({ trigger: "denied_string", enabled: true }),
    ]);
    expect((await listSpamActions({ db, actor: admin })).length).toBeGreaterThanOrEqual(2);
    const log = (await listActionLog.fromUntrusted({ db, actor: admin, input: {} })).items;
    expect(log.some((entry) => entry.manual)).toBe(true);
    expect(log.filter((entry) => !entry.manual && entry.status === "completed").length).toBeGreaterThanOrEqual(1);
    expect((await listSpamUsers.fromUntrusted({ db, actor: admin, input: {}, now })).items.length).toBeGreaterThan(0);
  }, 120_000);
});
