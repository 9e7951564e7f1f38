// Spam Manager actions, the Actions Log, rules on ingest and "ban everyone who posted this"
// (issue 7, points 5, 6 and 8), on a real database.
import { describe, expect, it, vi } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import type { ChannelName } from "@/lib/channels/channels";
import {
  createSpamAction,
  deleteSpamAction,
  listSpamActions,
  runSpamAction,
  updateSpamAction,
} from "@/lib/spam-manager/spam-actions";
import { createSpamRule, listSpamRules, updateSpamRule } from "@/lib/spam-manager/spam-rules";
import { SPAM_CONFIGURATION_CAPS } from "@/lib/spam-manager/configuration-caps";
import { analyzeGrownTables } from "@/lib/db/embedded-statistics";
import { listActionLog } from "@/lib/spam-manager/action-log";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { listSpamStrings } from "@/lib/spam-manager/spam-strings";
import { listSpamUsers } from "@/lib/spam-manager/spam-users";
import { banPosters, previewBanPosters } from "@/lib/spam-manager/ban-posters";
import { createBan } from "@/lib/blacklist/manage-bans";
import { recordSpamStrings } from "@/lib/spam-manager/record-spam-strings";
import { MESSAGES_TAUGHT_PER_ACTION } from "@/lib/spam-detection/learn-from-team";

type Team = Awaited<ReturnType<typeof createTeam>>;

const T0 = new Date("2030-02-10T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function poster(db: Db, team: Team) {
  return (
    from: string,
    text: string,
    at = T0,
    channel: ChannelName = "whatsapp",
    contact?: { name?: string; externalId?: string; authenticated?: boolean },
  ) => receiveMessage(db, team.service, { from, text, channel, ...(contact ? { contact } : {}) }, at);
}

describe("how many rules and actions a team may have", () => {
  it("caps each per tenant: every message with spam strings checks every enabled rule", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const other = await createTeam(db);
    const sam = team.supervisor.actor;
    const actions: Array<{ id: string }> = [];
    for (let i = 0; i < SPAM_CONFIGURATION_CAPS.actions; i++) {
      actions.push(
        await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: `Mark ${i}`, type: "mark_spam" } }),
      );
    }
    await expect(
      createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "One more", type: "mark_spam" } }),
    ).rejects.toMatchObject({
      status: 409,
      code: "too_many_actions",
      details: { cap: SPAM_CONFIGURATION_CAPS.actions },
    });
    const rule = (i: number) => ({ name: `Rule ${i}`, trigger: "denied_string", actionId: actions[0]!.id });
    await Promise.all(
      Array.from({ length: SPAM_CONFIGURATION_CAPS.rules + 5 }, (_, i) =>
        createSpamRule.fromUntrusted({ db, actor: sam, input: rule(i) }).then(
          () => "created",
          (error: { code?: string }) => error.code,
        ),
      ),
    ).then((outcomes) => {
      // In parallel too: one create at a time per tenant, so the cap holds.
      expect(outcomes.filter((o) => o === "created")).toHaveLength(SPAM_CONFIGURATION_CAPS.rules);
      expect(outcomes.filter((o) => o === "too_many_rules")).toHaveLength(5);
    });
    // Another team has its own room.
    const theirs = await createSpamAction.fromUntrusted({
      db,
      actor: other.supervisor.actor,
      input: { name: "Mark", type: "mark_spam" },
    });
    expect(theirs).toMatchObject({ name: "Mark" });
  });
});

describe("actions (point 5)", () => {
  it("are defined by supervisors and admins with params checked per type; names are unique", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const block = await createSpamAction.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Block a day", type: "block_live_chat", params: { minutes: 1440, reason: "Spam links" } },
    });
    expect(block).toMatchObject({
      name: "Block a day",
      type: "block_live_chat",
      params: { minutes: 1440, reason: "Spam links", saveToActivityData: false },
      ruleCount: 0,
    });
    await expect(
      createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Block a day", type: "mark_spam" } }),
    ).rejects.toMatchObject({ status: 409, code: "action_exists" });
    await expect(
      createSpamAction.fromUntrusted({
        db,
        actor: sam,
        input: { name: "Bad", type: "block_live_chat", params: { minutes: "soon" } },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ field: "params.minutes" }),
          expect.objectContaining({ field: "params.reason" }),
        ]),
      },
    });
    await expect(
      createSpamAction.fromUntrusted({ db, actor: team.agent.actor, input: { name: "Mark", type: "mark_spam" } }),
    ).rejects.toMatchObject({ status: 403 });

    const renamed = await updateSpamAction.fromUntrusted({
      db,
      actor: sam,
      actionId: block.id,
      input: { name: "Block 2 days", params: { minutes: 2880, reason: "Spam links" } },
    });
    expect(renamed).toMatchObject({ name: "Block 2 days", params: { minutes: 2880 } });
    await expect(
      updateSpamAction.fromUntrusted({ db, actor: sam, actionId: block.id, input: { type: "ban_channel" } }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: "params.reason", message: expect.any(String) }] },
    });
    expect((await listSpamActions({ db, actor: sam })).map((a) => a.name)).toEqual(["Block 2 days"]);
  });

  it("run manually from the Users tab, written to the Actions Log as completed or failed with the error", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    const spammer = await post("+15550500001", "cheap pills at pills.com", T0);
    const mark = await createSpamAction.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Mark as spam", type: "mark_spam" },
    });
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    const block = await createSpamAction({
      db,
      actor: sam,
      input: {
        name: "Block",
        type: "block_live_chat",
        params: { minutes: 60, reason: "Spam", saveToActivityData: false },
      },
    });

    const marked = await runSpamAction({
      db,
      actor: sam,
      actionId: mark.id,
      input: { contactId: spammer.contactId },
      now: minutes(1),
    });
    expect(marked.outcome).toBe("Marked as spam");
    expect(marked.log).toMatchObject({
      status: "completed",
      error: null,
      manual: true,
      rule: null,
      action: { id: mark.id, name: "Mark as spam" },
      actor: { id: team.supervisor.agent.id, name: "Sam Supervisor" },
    });
    expect((await db.contact.findUniqueOrThrow({ where: { id: spammer.contactId } })).spamMarkedAt).toEqual(minutes(1));

    const flagged = await runSpamAction({
      db,
      actor: sam,
      actionId: flag.id,
      input: { contactId: spammer.contactId },
      now: minutes(2),
    });
    expect(flagged.log.status).toBe("completed");
    expect((await db.contact.findUniqueOrThrow({ where: { id: spammer.contactId } })).flaggedForReviewAt).toEqual(
      minutes(2),
    );

    // A WhatsApp user has no live chat to be blocked from: the run fails, and says why.
    const failed = await runSpamAction({
      db,
      actor: sam,
      actionId: block.id,
      input: { contactId: spammer.contactId },
      now: minutes(3),
    });
    expect(failed.log).toMatchObject({ status: "failed", error: expect.stringMatching(/no web-chat conversation/) });

    const log = await listActionLog.fromUntrusted({ db, actor: sam, input: {} });
    expect(log.items.map((l) => [l.action.name, l.status, l.manual])).toEqual([
      ["Block", "failed", true],
      ["Flag", "completed", true],
      ["Mark as spam", "completed", true],
    ]);
    expect((await listActionLog.fromUntrusted({ db, actor: sam, input: { status: "failed" } })).items).toHaveLength(1);
    const users = await listSpamUsers.fromUntrusted({ db, actor: sam, input: {}, now: minutes(10) });
    expect(users.items[0]).toMatchObject({
      contact: { id: spammer.contactId, spamMarked: true, flaggedForReview: true },
      lastAction: { actionName: "Block", status: "failed", manual: true },
    });

    await expect(
      runSpamAction({ db, actor: team.agent.actor, actionId: mark.id, input: { contactId: spammer.contactId } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(runSpamAction.fromUntrusted({ db, actor: sam, actionId: mark.id, input: {} })).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: "contactId" }] },
    });
    expect((await listActionLog.fromUntrusted({ db, actor: sam, input: {} })).items).toHaveLength(3);
  });

  it("block for live chat blocks the user's latest web chat for the period", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const visitor = await poster(db, team)("visitor-501", "see spam.example.com", T0, "webchat", { name: "Wanda Web" });
    const block = await createSpamAction({
      db,
      actor: team.supervisor.actor,
      input: {
        name: "Block 1h",
        type: "block_live_chat",
        params: { minutes: 60, reason: "Spam links", saveToActivityData: false },
      },
    });
    const run = await runSpamAction({
      db,
      actor: team.supervisor.actor,
      actionId: block.id,
      input: { contactId: visitor.contactId },
      now: minutes(1),
    });
    expect(run.log.status).toBe("completed");
    const blocks = await db.liveChatBlock.findMany({ where: { contactId: visitor.contactId } });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      conversationId: visitor.conversationId,
      reason: "Spam links",
      blockedUntil: minutes(61),
    });
  });

  it("ban on a channel bans each channel the user posted on (or the one named); an existing ban is done", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    const viaWhatsapp = await post("+15550510001", "hi", T0, "whatsapp", { externalId: "user-510" });
    const viaEmail = await post("spam@sender.test", "hi", T0, "email", { externalId: "user-510" });
    expect(viaEmail.contactId).toBe(viaWhatsapp.contactId);
    const banAll = await createSpamAction({
      db,
      actor: sam,
      input: { name: "Ban everywhere", type: "ban_channel", params: { reason: "Spammer", expiresInDays: 30 } },
    });
    const banVk = await createSpamAction({
      db,
      actor: sam,
      input: { name: "Ban on VK", type: "ban_channel", params: { channel: "vkontakte", reason: "Spammer" } },
    });

    const run = await runSpamAction({
      db,
      actor: sam,
      actionId: banAll.id,
      input: { contactId: viaWhatsapp.contactId },
      now: minutes(1),
    });
    expect(run.log.status).toBe("completed");
    expect(run.outcome).toBe("Banned on WhatsApp, Banned on E-mail");
    const bans = await db.ban.findMany({ where: { tenantId: team.tenant.id }, orderBy: { channel: "asc" } });
    expect(bans.map((b) => [b.channel, b.identifier, b.source, b.reason, b.expiresAt?.toISOString()])).toEqual([
      [
        "email",
        "spam@sender.test",
        "spam_manager",
        "Spammer",
        new Date(minutes(1).getTime() + 30 * 86_400_000).toISOString(),
      ],
      [
        "whatsapp",
        "+15550510001",
        "spam_manager",
        "Spammer",
        new Date(minutes(1).getTime() + 30 * 86_400_000).toISOString(),
      ],
    ]);
    const again = await runSpamAction({
      db,
      actor: sam,
      actionId: banAll.id,
      input: { contactId: viaWhatsapp.contactId },
      now: minutes(2),
    });
    expect(again).toMatchObject({
      log: { status: "completed" },
      outcome: "Already banned on WhatsApp, Already banned on E-mail",
    });
    const vk = await runSpamAction({
      db,
      actor: sam,
      actionId: banVk.id,
      input: { contactId: viaWhatsapp.contactId },
      now: minutes(3),
    });
    expect(vk.log).toMatchObject({ status: "failed", error: expect.stringMatching(/never written on VKontakte/) });

    // A supervisor may not ban while the tenant keeps bans to admins: the run fails with that reason.
    await db.tenant.update({ where: { id: team.tenant.id }, data: { operatorBansEnabled: false } });
    const other = await post("+15550510002", "hi", T0);
    const refused = await runSpamAction({
      db,
      actor: sam,
      actionId: banAll.id,
      input: { contactId: other.contactId },
      now: minutes(4),
    });
    expect(refused.log).toMatchObject({ status: "failed", error: expect.stringMatching(/not allowed/) });
  });

  it("deleting an action deletes the rules that run it; the log keeps its runs", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const mark = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Mark", type: "mark_spam" } });
    await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied → mark", trigger: "denied_string", actionId: mark.id },
    });
    const spammer = await poster(db, team)("+15550520001", "x", T0);
    await runSpamAction({ db, actor: sam, actionId: mark.id, input: { contactId: spammer.contactId } });
    expect(await deleteSpamAction({ db, actor: sam, actionId: mark.id })).toMatchObject({ name: "Mark", ruleCount: 1 });
    expect(await listSpamRules({ db, actor: sam })).toEqual([]);
    expect((await listActionLog.fromUntrusted({ db, actor: sam, input: {} })).items.map((l) => l.action.name)).toEqual([
      "Mark",
    ]);
  });
});

describe("rules on ingest (point 6)", () => {
  async function setup(db: Db) {
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const mark = await createSpamAction.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Mark as spam", type: "mark_spam" },
    });
    const flag = await createSpamAction.fromUntrusted({ db, actor: sam, input: { name: "Flag", type: "flag_review" } });
    return { team, sam, mark, flag, post: poster(db, team) };
  }

  it("“contains a denied string → action” runs on that message, once per user, rule and window (UTC day)", async () => {
    const db = testDatabase().prisma;
    const { team, sam, mark, post } = await setup(db);
    const rule = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied → mark", trigger: "denied_string", actionId: mark.id },
    });
    expect(rule).toMatchObject({
      trigger: "denied_string",
      params: { windowMinutes: 1440 },
      enabled: true,
      action: { id: mark.id },
    });
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "scam.com" }, now: T0 });

    const clean = await post("+15550600001", "hello from clean.com", minutes(1));
    expect((await db.contact.findUniqueOrThrow({ where: { id: clean.contactId } })).spamMarkedAt).toBeNull();
    const hit = await post("+15550600002", "free money at scam.com/win", minutes(2));
    expect(hit.admitted).toBe(true);
    const contact = await db.contact.findUniqueOrThrow({ where: { id: hit.contactId } });
    expect(contact.spamMarkedAt).toEqual(minutes(2));
    expect((await db.conversation.findUniqueOrThrow({ where: { id: hit.conversationId } })).bucket).toBe("spam");

    await post("+15550600002", "scam.com again", minutes(3));
    await post("+15550600002", "scam.com tomorrow", new Date("2030-02-11T00:00:01Z"));
    const log = await db.actionLog.findMany({ where: { tenantId: team.tenant.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((l) => [l.ruleId, l.contactId, l.manual, l.status, l.windowKey, l.actorId])).toEqual([
      [rule.id, hit.contactId, false, "completed", "2030-02-10T00:00:00.000Z", null],
      [rule.id, hit.contactId, false, "completed", "2030-02-11T00:00:00.000Z", null],
    ]);
    const view = await listActionLog.fromUntrusted({ db, actor: sam, input: {} });
    expect(view.items[0]).toMatchObject({ manual: false, rule: { id: rule.id, name: "Denied → mark" }, actor: null });
    // The rule acts as the system actor: the audit log names the rule, not an API key.
    const marked = await db.auditLog.findFirstOrThrow({
      where: { tenantId: team.tenant.id, action: "contact.marked_as_spam", targetId: hit.contactId },
    });
    expect(marked).toMatchObject({ actorKind: "rule", actorId: rule.id });
  });

  it("“≥ N messages with uncategorized strings in M minutes → action” counts this one, only those", async () => {
    const db = testDatabase().prisma;
    const { team, sam, flag, post } = await setup(db);
    const rule = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: {
        name: "Burst → flag",
        trigger: "uncategorized_burst",
        params: { threshold: 3, windowMinutes: 10 },
        actionId: flag.id,
      },
    });
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "domain", value: "ok.com" }, now: T0 });
    await addListEntry({ db, actor: sam, list: "allow", input: { kind: "url", value: "ok.com" }, now: T0 });
    const from = "+15550610001";
    const flagged = async () =>
      (
        await db.contact.findFirstOrThrow({
          where: { tenantId: team.tenant.id, identities: { some: { identifier: from } } },
        })
      ).flaggedForReviewAt;

    await post(from, "a1.com", minutes(0));
    await post(from, "ok.com (allowed)", minutes(1));
    await post(from, "no strings at all", minutes(2));
    await post(from, "a2.com", minutes(3));
    expect(await flagged()).toBeNull();
    // Messages older than the window do not count: 0 is out of (1, 11].
    await post(from, "a3.com", minutes(11));
    expect(await flagged()).toBeNull();
    await post(from, "a4.com", minutes(12));
    expect(await flagged()).toEqual(minutes(12));
    await post(from, "a5.com", minutes(13));
    await post(from, "a6.com", minutes(14));
    // One run per user per rule per window (10-minute slots).
    expect(await db.actionLog.count({ where: { ruleId: rule.id } })).toBe(1);
    await post(from, "a7.com", minutes(21));
    expect(
      (await db.actionLog.findMany({ where: { ruleId: rule.id }, orderBy: { createdAt: "asc" } })).map(
        (l) => l.windowKey,
      ),
    ).toEqual([minutes(10).toISOString(), minutes(20).toISOString()]);
  });

  it("skips, and logs, a rule whose stored params do not parse; the other rules run", async () => {
    const db = testDatabase().prisma;
    const { sam, mark, flag, post } = await setup(db);
    const good = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied → mark", trigger: "denied_string", actionId: mark.id },
    });
    const broken = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied → flag", trigger: "denied_string", actionId: flag.id },
    });
    // Rules are written through their schema only: this one is broken behind its back.
    await db.spamRule.update({ where: { id: broken.id }, data: { params: { windowMinutes: "soon" } } });
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "phone", value: "+1 415 555 2671" }, now: T0 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await post("+15550630001", "call +1 415 555 2671", minutes(1))).admitted).toBe(true);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(`rule ${broken.id} skipped`), expect.anything());
    } finally {
      errors.mockRestore();
    }
    expect(await db.actionLog.count({ where: { ruleId: good.id, status: "completed" } })).toBe(1);
    expect(await db.actionLog.count({ where: { ruleId: broken.id } })).toBe(0);
  });

  it("runs once per window even for concurrent messages, skips disabled rules, never blocks ingest", async () => {
    const db = testDatabase().prisma;
    const { team, sam, mark, post } = await setup(db);
    const block = await createSpamAction({
      db,
      actor: sam,
      input: {
        name: "Block",
        type: "block_live_chat",
        params: { minutes: 60, reason: "Spam", saveToActivityData: false },
      },
    });
    const failing = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Denied → block", trigger: "denied_string", actionId: block.id },
    });
    const disabled = await createSpamRule.fromUntrusted({
      db,
      actor: sam,
      input: { name: "Off", trigger: "denied_string", actionId: mark.id, enabled: false },
    });
    // Recording tells ingest, in the same statement, whether the tenant has enabled rules to run.
    const facts = {
      tenantId: team.tenant.id,
      messageId: "probe",
      contactId: "c",
      conversationId: "v",
      channel: "whatsapp" as const,
      createdAt: T0,
      region: "US",
    };
    expect((await recordSpamStrings(db, { ...facts, text: "probe.com" })).tenantHasRules).toBe(true);
    const other = await createTeam(db);
    const otherFacts = { ...facts, tenantId: other.tenant.id };
    expect((await recordSpamStrings(db, { ...otherFacts, text: "probe.com" })).tenantHasRules).toBe(false);
    const otherAction = await createSpamAction.fromUntrusted({
      db,
      actor: other.supervisor.actor,
      input: { name: "Mark", type: "mark_spam" },
    });
    await createSpamRule.fromUntrusted({
      db,
      actor: other.supervisor.actor,
      input: { name: "Off", trigger: "denied_string", actionId: otherAction.id, enabled: false },
    });
    expect(
      (await recordSpamStrings(db, { ...otherFacts, messageId: "probe-2", text: "probe.com" })).tenantHasRules,
    ).toBe(false);
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "phone", value: "+1 415 555 2671" }, now: T0 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => post("+15550620001", `call +1 415 555 2671 (${i})`, minutes(1 + i / 10))),
      );
      expect(results.every((r) => r.admitted)).toBe(true);
      expect(await db.message.count({ where: { conversationId: results[0]!.conversationId } })).toBe(5);
    } finally {
      errors.mockRestore();
    }
    const log = await db.actionLog.findMany({ where: { tenantId: team.tenant.id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      ruleId: failing.id,
      status: "failed",
      error: expect.stringMatching(/no web-chat conversation/),
    });
    expect(await db.actionLog.count({ where: { ruleId: disabled.id } })).toBe(0);

    await updateSpamRule({ db, actor: sam, ruleId: disabled.id, input: { enabled: true } });
    await post("+15550620001", "call +1 415 555 2671", minutes(2));
    expect(await db.actionLog.count({ where: { ruleId: disabled.id, status: "completed" } })).toBe(1);
  });

  it("checks rule input: the action must exist, burst params are required, agents may not define rules", async () => {
    const db = testDatabase().prisma;
    const { team, sam, mark } = await setup(db);
    await expect(
      createSpamRule.fromUntrusted({
        db,
        actor: sam,
        input: { name: "r", trigger: "denied_string", actionId: "nope" },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: { fields: [{ field: "actionId", message: "no such action" }] },
    });
    await expect(
      createSpamRule.fromUntrusted({
        db,
        actor: sam,
        input: { name: "r", trigger: "uncategorized_burst", actionId: mark.id },
      }),
    ).rejects.toMatchObject({
      status: 400,
      details: {
        fields: expect.arrayContaining([
          expect.objectContaining({ field: "params.threshold" }),
          expect.objectContaining({ field: "params.windowMinutes" }),
        ]),
      },
    });
    await expect(
      createSpamRule.fromUntrusted({
        db,
        actor: team.agent.actor,
        input: { name: "r", trigger: "denied_string", actionId: mark.id },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

describe("ban everyone who posted a denied string (point 8)", () => {
  it("previews users per channel, then bans each (user, channel, identifier) through the blacklist", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const post = poster(db, team);
    const sam = team.supervisor.actor;
    const a = await post("+15550700001", "buy at ban-me.com", T0, "whatsapp");
    await post("+15550700002", "ban-me.com !!", T0, "whatsapp");
    const c = await post("visitor-700", "ban-me.com?", T0, "webchat");
    await post("+15550700004", "innocent.com", T0, "whatsapp");
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+15550700002", reason: "earlier" },
      source: "admin_add",
      now: T0,
    });
    const [string] = (
      await listSpamStrings.fromUntrusted({ db, actor: sam, input: { kind: "domain", q: "ban-me" }, now: minutes(1) })
    ).items;

    await expect(previewBanPosters({ db, actor: sam, spamStringId: string!.id })).rejects.toMatchObject({
      status: 409,
      code: "not_denied",
    });
    await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "ban-me.com" },
      now: minutes(1),
    });

    const preview = await previewBanPosters({ db, actor: sam, spamStringId: string!.id, now: minutes(2) });
    expect(preview).toEqual({
      spamString: { id: string!.id, kind: "domain", value: "ban-me.com" },
      users: 3,
      byChannel: { whatsapp: 2, webchat: 1 },
      bans: 3,
      alreadyBanned: 1,
    });

    const result = await banPosters({ db, actor: sam, spamStringId: string!.id, input: {}, now: minutes(3) });
    expect(result).toMatchObject({ banned: 2, alreadyBanned: 1, failed: 0 });
    const bans = await db.ban.findMany({
      where: { tenantId: team.tenant.id, source: "spam_manager" },
      orderBy: { identifier: "asc" },
    });
    expect(bans.map((b) => [b.channel, b.identifier, b.contactId, b.reason])).toEqual([
      ["whatsapp", "+15550700001", a.contactId, "Posted the denied domain ban-me.com"],
      ["webchat", "visitor-700", c.contactId, "Posted the denied domain ban-me.com"],
    ]);
    await expect(
      banPosters({ db, actor: team.agent.actor, spamStringId: string!.id, input: {} }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("bans a campaign's many posters as one action: their chats close, the classifier learns once", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    const post = poster(db, team);
    const posters = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(`+155507100${String(i).padStart(2, "0")}`, `win at campaign-x.com #${i}`),
      ),
    );
    const [string] = (
      await listSpamStrings.fromUntrusted({ db, actor: sam, input: { kind: "domain", q: "campaign-x" }, now: T0 })
    ).items;
    await addListEntry({ db, actor: sam, list: "deny", input: { kind: "domain", value: "campaign-x.com" }, now: T0 });
    const taughtBefore = await db.classifierLabel.count({ where: { tenantId: team.tenant.id, source: "ban_sender" } });

    const result = await banPosters({ db, actor: sam, spamStringId: string!.id, input: {}, now: minutes(1) });
    expect(result).toMatchObject({ banned: 30, alreadyBanned: 0, failed: 0, nextCursor: null });
    const chats = await db.conversation.findMany({
      where: { id: { in: posters.map((p) => p.conversationId) } },
      select: { status: true },
    });
    expect(chats.map((c) => c.status)).toEqual(Array(30).fill("resolved"));
    // One teaching for the lot: its newest MESSAGES_TAUGHT_PER_ACTION messages (20), not 30 teachings.
    const taught = await db.classifierLabel.count({ where: { tenantId: team.tenant.id, source: "ban_sender" } });
    expect(taught - taughtBefore).toBe(MESSAGES_TAUGHT_PER_ACTION);
  });

  it("previews a denied string posted by 17,000 users (a condition per poster broke the parameter cap)", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const sam = team.supervisor.actor;
    await poster(db, team)("+15550790000", "see widely-posted.com", T0);
    const [string] = (
      await listSpamStrings.fromUntrusted({ db, actor: sam, input: { kind: "domain", q: "widely" }, now: minutes(1) })
    ).items;
    // 17,000 more posters, written directly: contacts, their identities and an occurrence each.
    await db.$executeRaw`
      WITH n AS (SELECT g, gen_random_uuid()::text AS contact FROM generate_series(1, 17000) g),
      contacts AS (
        INSERT INTO "Contact" ("id", "tenantId", "name") SELECT contact, ${team.tenant.id}, 'Poster ' || g FROM n
      ), identities AS (
        INSERT INTO "ContactIdentity" ("id", "tenantId", "contactId", "channel", "identifier")
        SELECT gen_random_uuid()::text, ${team.tenant.id}, contact, 'whatsapp', '+155507' || lpad(g::text, 5, '0')
          FROM n
      )
      INSERT INTO "SpamStringOccurrence"
        ("id", "tenantId", "spamStringId", "messageId", "contactId", "conversationId", "channel", "createdAt")
      SELECT gen_random_uuid()::text, ${team.tenant.id}, ${string!.id}, 'm' || g, contact, 'c' || g, 'whatsapp', ${T0}
        FROM n`;
    // The statistics a running server has by now (autovacuum; on the embedded database, the statistics job):
    // on guesses, the posters' query took 63 s here.
    expect(await analyzeGrownTables(db)).toEqual(
      expect.arrayContaining(["Contact", "ContactIdentity", "SpamStringOccurrence"]),
    );
    expect(await analyzeGrownTables(db)).toEqual([]);
    await createBan({
      db,
      actor: team.admin.actor,
      input: { channel: "whatsapp", identifier: "+15550700042", reason: "earlier" },
      source: "admin_add",
      now: T0,
    });
    await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: "domain", value: "widely-posted.com" },
      now: T0,
    });
    const preview = await previewBanPosters({ db, actor: sam, spamStringId: string!.id, now: minutes(2) });
    expect(preview).toMatchObject({ users: 17_001, bans: 17_001, alreadyBanned: 1, byChannel: { whatsapp: 17_001 } });
  }, 60_000);
});
