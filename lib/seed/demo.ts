// The demo tenant a newcomer sees on the first start of the embedded default: four people, 200
// contacts on every channel, 500 conversations with real SMS texts, an API key — and the history of a
// team that has been working for a while (lib/seed/demo-history.ts: labels in use, spam-marked users,
// bans, a live-chat block, Spam Manager lists, an action and a rule with log entries), so every page
// has something true to show. Credentials are printed once and written to
// $DATA_DIR/demo-credentials.json (mode 600) for scripts and tests.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseHandle, Db } from "@/lib/db";
import { CHANNELS, CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { createApiKey } from "@/lib/auth/api-keys";
import { insertAgent } from "@/lib/agents/manage-agents";
import { inboxBucket } from "@/lib/conversations/bucket";
import { messagePreview } from "@/lib/messages/preview";
import type { ConversationStatus, Role } from "@/lib/generated/prisma/enums";
import { seededRandom, type Random } from "./random";
import { FIRST_NAMES, LAST_NAMES } from "./names";
import { readSmsCorpus } from "./sms-corpus";
import { backfillSpamStrings } from "@/lib/spam-manager/backfill";
import { addTeamHistory } from "./demo-history";
import { scoreStoredMessages } from "@/lib/spam-detection/score-stored-messages";
import { teachFromAnsweredMessages } from "@/lib/spam-detection/learn-from-team";
import { MAX_LABELS_PER_CALL } from "@/lib/classifier";
import { flushWriteBehind } from "@/lib/db/write-behind";

export interface DemoCredentials {
  tenantId: string;
  apiKey: string;
  users: Array<{ id: string; email: string; password: string; role: Role; canSeeAllChats: boolean }>;
}

const PEOPLE: Array<{ email: string; name: string; role: Role; canSeeAllChats: boolean }> = [
  { email: "admin@demo.bouncer.test", name: "Ada Admin", role: "ADMIN", canSeeAllChats: true },
  { email: "supervisor@demo.bouncer.test", name: "Sam Supervisor", role: "SUPERVISOR", canSeeAllChats: true },
  { email: "ann@demo.bouncer.test", name: "Ann Agent", role: "AGENT", canSeeAllChats: true },
  { email: "bob@demo.bouncer.test", name: "Bob Agent", role: "AGENT", canSeeAllChats: false },
];

const REPLIES = [
  "Thanks for getting in touch! Let me look into this for you.",
  "Could you send me your order number, please?",
  "I've passed this on to our billing team; you'll hear back within one working day.",
  "Sorry for the trouble. I've issued a refund, it should show in 3–5 days.",
  "Is there anything else I can help you with today?",
  "That should be fixed now — could you try again and let me know?",
  "We don't offer that at the moment, but I've noted it as a feature request.",
  "Please don't share your password with anyone, including us.",
];

const CONTACT_COUNT = 200;
const CONVERSATION_COUNT = 500;
/** Share of the demo's senders who are spammers (the corpus itself is 13% spam). */
const SPAMMER_SHARE = 0.12;

function identifierFor(channel: ChannelName, index: number, first: string, last: string, random: Random): string {
  switch (CHANNEL_INFO[channel].identifierKind) {
    case "phone":
      // Ofcom's range for drama: 07700 900000–900999 are never real subscribers.
      return `+447700900${String(index % 1000).padStart(3, "0")}`;
    case "email":
      return `${first}.${last}${index}@example.com`.toLowerCase();
    case "id":
      if (channel === "webchat") return `visitor-${randomHex(random, 12)}`;
      if (channel === "apple_messages") return `urn:mbid:${randomHex(random, 24)}`;
      if (channel === "vkontakte") return `id${random.int(10_000_000, 99_999_999)}`;
      return String(random.int(1_000_000_000_000, 9_999_999_999_999));
  }
}

/** The corpus keeps some characters as HTML entities ("&lt;#&gt;"); demo messages show them as typed. */
function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function randomHex(random: Random, length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(random.next() * 16).toString(16);
  return out;
}

export async function seedDemoTenant(db: Db, now = new Date()): Promise<DemoCredentials> {
  const random = seededRandom(20261123);
  const corpus = readSmsCorpus();
  const spamCorpus = corpus.filter((entry) => entry.label === "spam");
  const hamCorpus = corpus.filter((entry) => entry.label !== "spam");
  const tenant = await db.tenant.create({ data: { name: "Demo Company", defaultPhoneRegion: "GB" } });

  const users: DemoCredentials["users"] = [];
  for (const person of PEOPLE) {
    const password = randomBytes(9).toString("base64url");
    const agent = await insertAgent(db, tenant.id, { ...person, password });
    users.push({ id: agent.id, email: agent.email, password, role: agent.role, canSeeAllChats: agent.canSeeAllChats });
  }
  const { key: apiKey, record: apiKeyRecord } = await createApiKey(db, tenant.id, "Demo integration");

  const contacts = Array.from({ length: CONTACT_COUNT }, (_, index) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const channel = CHANNELS[index % CHANNELS.length]!;
    const authenticated = channel === "webchat" && random.chance(0.4);
    return {
      id: crypto.randomUUID(),
      // A sender is a spammer or a customer, not both: a customer's texts are the corpus's ham, a
      // spammer's its spam. (Texts picked at random per message made every "spammer" the team marked
      // a sender of ordinary chat too, and the marks taught the demo's classifier that ordinary
      // support messages are spam.)
      spammer: random.chance(SPAMMER_SHARE),
      createdAt: new Date(now.getTime() - random.int(15, 400) * 24 * 3600_000),
      name: `${first} ${last}`,
      channel,
      identifier: identifierFor(channel, index, first, last, random),
      authenticated,
      externalId: authenticated ? `user-${1000 + index}` : null,
    };
  });
  await db.contact.createMany({
    data: contacts.map((c) => ({
      id: c.id,
      tenantId: tenant.id,
      name: c.name,
      authenticated: c.authenticated,
      externalId: c.externalId,
      createdAt: c.createdAt,
      lastSeenAt: now,
    })),
  });
  await db.contactIdentity.createMany({
    data: contacts.map((c) => ({ tenantId: tenant.id, contactId: c.id, channel: c.channel, identifier: c.identifier })),
  });

  const agentIds = users.map((u) => u.id);
  const conversations = [];
  const messages = [];
  // How many spam texts each contact sent: the history marks the worst senders as spam.
  const spamTexts = new Map<string, number>();
  for (let index = 0; index < CONVERSATION_COUNT; index++) {
    const contact = contacts[index % CONTACT_COUNT]!;
    const roll = random.next();
    // A few web-chat visitors wait in the live-chat queue right now (it is served all day).
    const status: ConversationStatus =
      contact.channel === "webchat" && roll < 0.06 ? "waiting" : roll < 0.65 ? "open" : "resolved";
    const assigneeId = status === "waiting" || random.chance(0.35) ? null : random.pick(agentIds);
    // Newest activity spread over the last 14 days, a few within the last hour; earlier messages
    // of the conversation go back from there. Waiting visitors asked for an agent minutes ago.
    const count = random.int(1, 7);
    const lastAt =
      status === "waiting"
        ? now.getTime() - random.int(60_000, 25 * 60_000)
        : now.getTime() - Math.floor(random.next() ** 2 * 14 * 24 * 3600_000) - random.int(60_000, 3_600_000);
    const gaps = Array.from({ length: count - 1 }, () => random.int(30_000, 20 * 60_000));
    let at = lastAt - gaps.reduce((sum, gap) => sum + gap, 0);
    const id = crypto.randomUUID();
    let last = "";
    for (let m = 0; m < count; m++) {
      // Nobody answers a spammer.
      const incoming = m % 2 === 0 || !assigneeId || contact.spammer;
      const text = incoming ? random.pick(contact.spammer ? spamCorpus : hamCorpus) : null;
      if (text?.label === "spam") spamTexts.set(contact.id, (spamTexts.get(contact.id) ?? 0) + 1);
      const body = text ? decodeEntities(text.text) : random.pick(REPLIES);
      messages.push({
        tenantId: tenant.id,
        conversationId: id,
        direction: incoming ? ("in" as const) : ("out" as const),
        body,
        authorAgentId: incoming ? null : assigneeId,
        createdAt: new Date(at),
      });
      last = body;
      if (m < count - 1) at += gaps[m]!;
    }
    conversations.push({
      id,
      tenantId: tenant.id,
      contactId: contact.id,
      channel: contact.channel,
      status,
      bucket: inboxBucket(status),
      assigneeId,
      lastMessageAt: new Date(at),
      lastMessagePreview: messagePreview(last),
      queuedAt: status === "waiting" ? new Date(at) : null,
      createdAt: messages.find((m) => m.conversationId === id)!.createdAt,
    });
  }
  await db.conversation.createMany({ data: conversations });
  await db.message.createMany({ data: messages });
  // The messages were written in bulk, not through ingest: give the Spam Manager their spam strings.
  await backfillSpamStrings(db, tenant.id);
  // …and their spam scores, as ingest would have given them (the demo shows scores from the first start).
  await scoreStoredMessages(db, tenant.id);
  // …and what the agents' replies would have taught the classifier: the tenant's own ordinary traffic.
  await teachFromAnsweredMessages({ db, tenantId: tenant.id, source: "agent_reply", limit: MAX_LABELS_PER_CALL });
  await addTeamHistory(db, {
    tenantId: tenant.id,
    apiKey: apiKeyRecord,
    people: Object.fromEntries(users.map((user) => [user.email.split("@")[0]!, user.id])) as Record<
      "admin" | "supervisor" | "ann" | "bob",
      string
    >,
    contacts,
    conversations,
    spamTexts,
    random,
    now,
  });
  // The banned client's refused message counted a hit in memory: write it before a seeding script exits.
  await flushWriteBehind();
  return { tenantId: tenant.id, apiKey, users };
}

export function writeDemoCredentials(dataDir: string, credentials: DemoCredentials): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.resolve(dataDir, "demo-credentials.json");
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

export function describeDemoCredentials(credentials: DemoCredentials, file: string): string {
  const rows = credentials.users.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(32)} ${u.password}`);
  return [
    "Demo tenant created. Sign in with one of these (shown once; also saved to " + file + "):",
    ...rows,
    `  API key: ${credentials.apiKey}`,
  ].join("\n");
}

/** On the first start of the embedded default (or when SEED_DEMO=always and the database is empty). */
export async function seedDemoIfFirstStart(
  database: DatabaseHandle,
  options: { mode: "auto" | "always" | "never"; dataDir: string; log: (line: string) => void },
): Promise<DemoCredentials | null> {
  if (options.mode === "never") return null;
  if (options.mode === "auto" && database.kind !== "embedded") return null;
  if ((await database.prisma.tenant.count()) > 0) return null;
  const credentials = await seedDemoTenant(database.prisma);
  const file = writeDemoCredentials(options.dataDir, credentials);
  options.log(describeDemoCredentials(credentials, file));
  return credentials;
}
