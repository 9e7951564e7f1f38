// The demo tenant's history: what a team that has worked a while leaves behind, written through the
// same use cases the app runs (so every trait, bucket, timeline line, audit entry and log row is what
// the real action would have written): labels in use, a couple of users marked as spam, an active and
// an expired ban, a live-chat block, denied and allowed spam strings, an action and a rule with log
// entries (a manual run and the rule firing on messages that arrive through ingest).
import type { Db } from "@/lib/db";
import type { AgentActor, ServiceActor } from "@/lib/auth/actor";
import { loadAgentActor } from "@/lib/auth/agents";
import type { ChannelName } from "@/lib/channels/channels";
import type { ConversationStatus } from "@/lib/generated/prisma/enums";
import { createLabel } from "@/lib/labels/manage-labels";
import { markContactAsSpam } from "@/lib/spam-marking/set-contact-spam-mark";
import { createBan } from "@/lib/blacklist/manage-bans";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { addListEntry } from "@/lib/spam-manager/spam-lists";
import { createSpamAction, runSpamAction } from "@/lib/spam-manager/spam-actions";
import { createSpamRule } from "@/lib/spam-manager/spam-rules";
import { DEFAULT_RULE_WINDOW_MINUTES } from "@/lib/spam-manager/action-schemas";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import type { Random } from "./random";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const LABELS = [
  { name: "Billing", color: "blue" },
  { name: "Shipping", color: "green" },
  { name: "Refund", color: "amber" },
  { name: "Bug", color: "red" },
  { name: "VIP", color: "violet" },
  { name: "Feature request", color: "teal" },
] as const;

export interface DemoHistoryOptions {
  tenantId: string;
  apiKey: { id: string; name: string };
  people: Record<"admin" | "supervisor" | "ann" | "bob", string>;
  contacts: Array<{
    id: string;
    name: string;
    channel: ChannelName;
    identifier: string;
    authenticated: boolean;
    externalId: string | null;
  }>;
  conversations: Array<{ id: string; contactId: string; status: ConversationStatus; lastMessageAt: Date }>;
  /** Spam texts sent per contact id (from the SMS corpus labels). */
  spamTexts: Map<string, number>;
  random: Random;
  now: Date;
}

export async function addTeamHistory(db: Db, options: DemoHistoryOptions): Promise<void> {
  const { tenantId, people, contacts, conversations, random, now } = options;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const agent = async (id: string): Promise<AgentActor> => (await loadAgentActor(db, id, tenantId))!;
  const [ada, sam, ann] = [await agent(people.admin), await agent(people.supervisor), await agent(people.ann)];
  const integration: ServiceActor = {
    kind: "service",
    tenantId,
    apiKeyId: options.apiKey.id,
    apiKeyName: options.apiKey.name,
    defaultAgentId: null,
  };
  const latestConversation = (contactId: string) =>
    conversations
      .filter((c) => c.contactId === contactId)
      .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime())[0];

  // Labels, on about a third of the chats agents have worked (not the waiting queue).
  const labels: Array<{ id: string }> = [];
  for (const label of LABELS) labels.push(await createLabel({ db, actor: ada, input: label }));
  const labelled = conversations.filter((c) => c.status !== "waiting" && random.chance(0.35));
  await db.conversationLabel.createMany({
    data: labelled.flatMap((conversation) => {
      const first = random.pick(labels);
      const second = random.chance(0.2) ? random.pick(labels) : null;
      return [first, ...(second && second.id !== first.id ? [second] : [])].map((label) => ({
        conversationId: conversation.id,
        labelId: label.id,
      }));
    }),
  });

  // Spam Manager lists, decided a couple of days ago: the strings the corpus spam posts most are
  // denied; a parcel carrier customers link to is allowed.
  const [topDomains, topPhones] = await Promise.all(
    ["domain", "phone"].map((kind) => mostPostedStrings(db, tenantId, kind, 2)),
  );
  for (const value of [...topDomains!, ...topPhones!.slice(0, 1)]) {
    await addListEntry({
      db,
      actor: sam,
      list: "deny",
      input: { kind: value.kind, value: value.value },
      now: ago(2 * DAY),
    });
  }
  await addListEntry({
    db,
    actor: sam,
    list: "allow",
    input: { kind: "domain", value: "royalmail.com" },
    now: ago(2 * DAY),
  });

  // An action and a rule: whoever posts a denied string is flagged for a supervisor to review.
  const flag = await createSpamAction({
    db,
    actor: sam,
    input: { name: "Flag for review", type: "flag_review", params: {} },
  });
  await createSpamAction({
    db,
    actor: sam,
    input: {
      name: "Block from live chat for a day",
      type: "block_live_chat",
      params: { minutes: 1440, reason: "Posted spam links", saveToActivityData: false },
    },
  });
  await createSpamRule({
    db,
    actor: sam,
    input: {
      name: "Denied string → flag for review",
      trigger: "denied_string",
      actionId: flag.id,
      enabled: true,
      params: { windowMinutes: DEFAULT_RULE_WINDOW_MINUTES },
    },
  });

  // The two contacts who sent the most spam texts are marked as spam, by Ann and by Sam.
  const spammers = [...options.spamTexts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
  for (const [index, [contactId]] of spammers.entries()) {
    await markContactAsSpam({ db, actor: index === 0 ? ann : sam, contactId, now: ago((index + 1) * 5 * HOUR) });
  }
  // Sam flagged the first of them by hand from the Users tab: a manual run in the Actions Log.
  if (spammers[0])
    await runSpamAction({
      db,
      actor: sam,
      actionId: flag.id,
      input: { contactId: spammers[0][0] },
      now: ago(4 * HOUR),
    });

  // Bans: one in force (admin, three days ago), one that expired last week.
  const whatsapp = contacts.filter((c) => c.channel === "whatsapp" && !options.spamTexts.has(c.id));
  const email = contacts.filter((c) => c.channel === "email" && !options.spamTexts.has(c.id));
  if (whatsapp[0]) {
    await createBan({
      db,
      actor: ada,
      source: "admin_add",
      now: ago(3 * DAY),
      input: { channel: "whatsapp", identifier: whatsapp[0].identifier, reason: "Threatened staff in voice notes" },
    });
    // They wrote again: stored, refused by the gate (a hit on the ban), a banned sender's chat on Sessions.
    await receiveIncomingMessage({
      db,
      actor: integration,
      input: {
        channel: "whatsapp",
        from: whatsapp[0].identifier,
        text: "Why is nobody answering me? I know where your office is.",
      },
      now: ago(26 * HOUR),
    });
  }
  if (email[0]) {
    await createBan({
      db,
      actor: ada,
      source: "admin_add",
      now: ago(30 * DAY),
      input: {
        channel: "email",
        identifier: email[0].identifier,
        reason: "Mail bombing after a refused refund (one week cool-off)",
        expiresAt: ago(23 * DAY).toISOString(),
      },
    });
  }

  // A signed-in web-chat user Ann blocked from the live-chat queue this morning, for a day.
  const signedIn = contacts.find(
    (c) => c.channel === "webchat" && c.authenticated && latestConversation(c.id)?.status !== "waiting",
  );
  const blockedChat = signedIn && latestConversation(signedIn.id);
  if (blockedChat) {
    await blockUserFromLiveChat({
      db,
      actor: ann,
      conversationId: blockedChat.id,
      input: {
        BlockIntervalMinutes: 1440,
        BlockReason: "Insulted the agent after being asked for an order number",
        SaveToChatActivityData: true,
      },
      now: ago(3 * HOUR),
    });
  }

  // Today's messages, through ingest: a customer's tracking link (allowed), and spam with a denied
  // domain — the rule flags its senders (the Actions Log's rule runs).
  const customer = contacts.find((c) => c.channel === "email" && c !== email[0] && !options.spamTexts.has(c.id));
  if (customer) {
    await receiveIncomingMessage({
      db,
      actor: integration,
      input: {
        channel: "email",
        from: customer.identifier,
        text:
          "Tracking says delivered but nothing is here: " +
          "https://www.royalmail.com/track-your-item#/tracking-results/QA473829104GB",
      },
      now: ago(40 * 60_000),
    });
  }
  const denied = topDomains![0];
  if (denied) {
    const senders = contacts.filter((c) => c.channel === "messenger" && !options.spamTexts.has(c.id)).slice(0, 2);
    for (const [index, sender] of senders.entries()) {
      await receiveIncomingMessage({
        db,
        actor: integration,
        input: {
          channel: "messenger",
          from: sender.identifier,
          text: `FREE ringtones & wallpapers for you today only! Visit www.${denied.value} now`,
        },
        now: ago((90 - index * 30) * 60_000),
      });
    }
  }
}

/** The strings of a kind posted most (ties: alphabetical), for picking what the demo team denied. */
async function mostPostedStrings(
  db: Db,
  tenantId: string,
  kind: string,
  take: number,
): Promise<Array<{ kind: "domain" | "phone"; value: string }>> {
  const rows = await db.$queryRaw<Array<{ value: string }>>`
    SELECT s."value" FROM "SpamString" s JOIN "SpamStringOccurrence" o ON o."spamStringId" = s."id"
    WHERE s."tenantId" = ${tenantId} AND s."kind" = ${kind}::"SpamStringKind"
    GROUP BY s."id" ORDER BY count(*) DESC, s."value" LIMIT ${take}`;
  return rows.map((row) => ({ kind: kind as "domain" | "phone", value: row.value }));
}
