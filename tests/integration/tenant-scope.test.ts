// The tenant in every WHERE (defense in depth): the helpers that take an id read, lock and write only the
// given tenant's rows, so a caller passing an id from another tenant — by mistake, or from a forged job
// payload — gets nothing of it and changes nothing there.
import { describe, expect, it } from "vitest";
import { testDatabase } from "../helpers/test-database";
import { createTeam, receiveMessage } from "../factories";
import type { Db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import { readConversationSummaries, readConversationSummary } from "@/lib/conversations/read-conversation-summaries";
import { lockConversation } from "@/lib/conversations/lock-visible-conversation";
import { contactSeenThrough } from "@/lib/conversations/contact-seen-through";
import { isContactMarkedAsSpam } from "@/lib/spam-marking/spam-locks";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { readCardChange } from "@/lib/contacts/update-contact";
import { deliveryIdentity } from "@/lib/campaigns/campaign-records";
import { blockUserFromLiveChat, lockContact } from "@/lib/live-chat/block-user";
import { liftBlocks } from "@/lib/live-chat/unblock";
import { readLiveChatCardChange } from "@/lib/live-chat/live-chat-card";
import { toBlockViews } from "@/lib/live-chat/block-records";
import { liveChatBlockSelect } from "@/lib/live-chat/block-view";
import { recordSpamStrings } from "@/lib/spam-manager/record-spam-strings";
import { listSpamStringPosts } from "@/lib/spam-manager/spam-strings";
import { listSpamUsers, listUserSpamPosts } from "@/lib/spam-manager/spam-users";

const T0 = new Date("2030-03-01T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Two tenants; the second's chat (on web chat, so it can be blocked) is what the first must not reach. */
async function twoTenants(db: Db) {
  const ours = await createTeam(db);
  const theirs = await createTeam(db);
  const theirChat = await receiveMessage(
    db,
    theirs.service,
    {
      channel: "webchat",
      from: `visitor-${uniq()}`,
      text: "their secret order 4711",
      contact: { externalId: `user-${uniq()}`, authenticated: true, name: "Their Customer" },
    },
    T0,
  );
  return { ours, theirs, theirChat };
}

describe("helpers that take an id look it up within the given tenant only", () => {
  it("summaries, cards, spam marks, delivery identities: another tenant's id finds nothing", async () => {
    const db = testDatabase().prisma;
    const { ours, theirs, theirChat } = await twoTenants(db);
    await markContactAsSpam({ db, actor: theirs.admin.actor, contactId: theirChat.contactId, now: T0 });

    expect(await readConversationSummaries(db, ours.tenant.id, [theirChat.conversationId])).toEqual([]);
    await expect(readConversationSummary(db, ours.tenant.id, theirChat.conversationId)).rejects.toThrow(NotFound);
    // Their own tenant still reads it: the tenant narrows, it does not break.
    expect((await readConversationSummary(db, theirs.tenant.id, theirChat.conversationId)).id).toBe(
      theirChat.conversationId,
    );

    expect(await isContactMarkedAsSpam(db, ours.tenant.id, theirChat.contactId)).toBe(false);
    expect(await isContactMarkedAsSpam(db, theirs.tenant.id, theirChat.contactId)).toBe(true);
    expect(await contactSeenThrough(db, ours.tenant.id, theirChat.contactId)).toEqual([]);
    expect(await contactSeenThrough(db, theirs.tenant.id, theirChat.contactId)).toHaveLength(1);
    await expect(readLiveChatCardChange(db, ours.tenant.id, theirChat.contactId, T0)).rejects.toThrow();
    await expect(db.$transaction((tx) => readCardChange(tx, ours.tenant.id, theirChat.contactId))).rejects.toThrow();
    expect(await deliveryIdentity(db, ours.tenant.id, theirChat.contactId, null)).toBeNull();
    expect(await deliveryIdentity(db, theirs.tenant.id, theirChat.contactId, null)).not.toBeNull();
  });

  it("locks: another tenant's conversation or contact row is not locked", async () => {
    const db = testDatabase().prisma;
    const { ours, theirs, theirChat } = await twoTenants(db);
    const locked = await db.$transaction(async (tx) => ({
      conversation: await lockConversation(tx, ours.tenant.id, theirChat.conversationId),
      contact: await lockContact(tx, ours.tenant.id, theirChat.contactId),
      own: await lockConversation(tx, theirs.tenant.id, theirChat.conversationId),
    }));
    expect(locked).toEqual({ conversation: false, contact: false, own: true });
  });

  it("lifting blocks: another tenant's block row lifts nothing, and its view names no one", async () => {
    const db = testDatabase().prisma;
    const { ours, theirs, theirChat } = await twoTenants(db);
    const { block } = await blockUserFromLiveChat({
      db,
      actor: theirs.agent.actor,
      conversationId: theirChat.conversationId,
      input: { BlockIntervalMinutes: 60, BlockReason: "Spam", SaveToChatActivityData: false },
      now: T0,
    });
    const row = await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id }, select: liveChatBlockSelect });

    await expect(
      db.$transaction((tx) => liftBlocks(tx, ours.admin.actor, [row], "admin", minutes(1))),
    ).rejects.toThrow();
    const after = await db.liveChatBlock.findUniqueOrThrow({ where: { id: block.id } });
    expect(after.unblockedAt).toBeNull();
    expect(await db.auditLog.count({ where: { tenantId: ours.tenant.id, action: "live_chat.unblocked" } })).toBe(0);

    const [view] = await toBlockViews(db, ours.tenant.id, [row], minutes(1));
    expect(view!.contact.name).toBe("Deleted user");
    const [own] = await toBlockViews(db, theirs.tenant.id, [row], minutes(1));
    expect(own!.contact.name).toBe("Their Customer");
  });
});

describe("Spam Manager history: an occurrence naming another tenant's rows shows none of them", () => {
  it("an occurrence with another tenant's message, contact and conversation ids (a forged job payload)", async () => {
    const db = testDatabase().prisma;
    const { ours, theirChat } = await twoTenants(db);
    const domain = `tenantscope-${uniq()}.com`;
    // What the message.received job records, with the ids of the other tenant's chat in the payload.
    await recordSpamStrings(db, {
      tenantId: ours.tenant.id,
      messageId: theirChat.messageId,
      contactId: theirChat.contactId,
      conversationId: theirChat.conversationId,
      channel: "webchat",
      createdAt: minutes(1),
      text: `win at ${domain}`,
      region: "US",
    });
    const string = await db.spamString.findFirstOrThrow({
      where: { tenantId: ours.tenant.id, kind: "domain", value: domain },
    });

    const posts = await listSpamStringPosts.fromUntrusted({
      db,
      actor: ours.supervisor.actor,
      spamStringId: string.id,
      input: {},
    });
    expect(posts.items).toHaveLength(1);
    expect(posts.items[0]).toMatchObject({ text: "", contact: { name: "Unknown user" } });
    expect(JSON.stringify(posts)).not.toContain("their secret order");
    expect(JSON.stringify(posts)).not.toContain("Their Customer");

    const users = await listSpamUsers.fromUntrusted({ db, actor: ours.supervisor.actor, input: {}, now: minutes(5) });
    expect(users.items.map((user) => user.contact.id)).not.toContain(theirChat.contactId);
    expect(JSON.stringify(users)).not.toContain("Their Customer");
  });

  it("a user's history: a post whose message id is another tenant's shows no text", async () => {
    const db = testDatabase().prisma;
    const { ours, theirChat } = await twoTenants(db);
    const ourChat = await receiveMessage(db, ours.service, { from: "+15550177001", text: "hello" }, T0);
    await recordSpamStrings(db, {
      tenantId: ours.tenant.id,
      messageId: theirChat.messageId,
      contactId: ourChat.contactId,
      conversationId: theirChat.conversationId,
      channel: "whatsapp",
      createdAt: minutes(1),
      text: `deal at tenantscope-${uniq()}.com`,
      region: "US",
    });
    const posts = await listUserSpamPosts.fromUntrusted({
      db,
      actor: ours.supervisor.actor,
      contactId: ourChat.contactId,
      input: {},
      now: minutes(5),
    });
    expect(posts.items).toHaveLength(1);
    expect(posts.items[0]).toMatchObject({ messageId: theirChat.messageId, text: "" });
    expect(JSON.stringify(posts)).not.toContain("their secret order");
  });
});
