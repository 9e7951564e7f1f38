// Benchmark data written with bulk SQL (INSERT … SELECT generate_series / unnest), not through the
// app, so that 100k conversations and 1M messages fit the time budget. Every value is derived from the
// row number and a seed with PostgreSQL's hashint8extended(), so two runs (and both databases) hold
// the same data. Message texts come from the SMS Spam Collection (readSmsCorpus()).
import type { DatabaseHandle } from "@/lib/db";
import { hashApiKey } from "@/lib/auth/api-keys";
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import { seededRandom } from "@/lib/seed/random";
import { FIRST_NAMES, LAST_NAMES } from "@/lib/seed/names";

export const BENCH_SEED = 20261123;
/** "Now" for generated data: fixed, so the data (and the ids made from times) are the same every run. */
export const BENCH_NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const DAY_MS = 24 * 3600_000;

type Sql = Pick<DatabaseHandle, "rawQuery">;

/** A uuid(7)-shaped id from a time in ms and a counter: time-ordered like the app's own ids, and deterministic. */
export function benchId(ms: number, n: number, kind: number): string {
  const t = Math.floor(ms).toString(16).padStart(12, "0");
  const r = (BigInt(n) * 16n + BigInt(kind)).toString(16).padStart(18, "0");
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(6, 18)}`;
}

/** The same id as benchId(), as an SQL expression over a time-in-ms and a counter expression. */
function idSql(msExpr: string, nExpr: string, kind: number): string {
  const t = `lpad(to_hex((${msExpr})::bigint), 12, '0')`;
  const r = `lpad(to_hex((${nExpr})::bigint * 16 + ${kind}), 18, '0')`;
  return (
    `(substr(${t}, 1, 8) || '-' || substr(${t}, 9, 4) || '-7' || substr(${r}, 1, 3) || ` +
    `'-8' || substr(${r}, 4, 3) || '-' || substr(${r}, 7, 12))`
  );
}

/** A deterministic pseudo-random number in [0, 1) for row `n` and a salt. */
function randSql(nExpr: string, salt: number, seed = BENCH_SEED): string {
  return `((abs(hashint8extended((${nExpr})::bigint, ${seed * 100 + salt}::bigint)) % 1000000)::float8 / 1000000)`;
}

const CHANNEL_SQL = `(ARRAY['webchat','email','ip_telephony','whatsapp','apple_messages','messenger','vkontakte'])`;

export interface BenchTenant {
  tenantId: string;
  /** `sessionId`: a signed-in session each agent's cookie names (lib/auth/agent-sessions.ts). */
  agents: Array<{ id: string; email: string; name: string; sessionId: string }>;
  /** The API key in clear text, when asked for. */
  apiKey?: string;
}

/**
 * A tenant with `agents` agents (all AGENT role with "can see All chats") and optionally an API key.
 * `passwordHash`: the argon2 hash every agent signs in with (page load); a placeholder otherwise.
 */
export async function seedTenant(
  db: Sql,
  options: { agents: number; apiKey?: boolean; passwordHash?: string; name?: string; seed?: number },
): Promise<BenchTenant> {
  const seed = options.seed ?? BENCH_SEED;
  const tenantId = benchId(BENCH_NOW - 400 * DAY_MS, seed % 100000, 1);
  await db.rawQuery(`INSERT INTO "Tenant" ("id", "name", "defaultPhoneRegion") VALUES ($1, $2, 'GB')`, [
    tenantId,
    options.name ?? "Bench Company",
  ]);
  const random = seededRandom(seed);
  const agents = Array.from({ length: options.agents }, (_, i) => ({
    id: benchId(BENCH_NOW - 399 * DAY_MS, i, 2),
    email: `agent${i}@bench-${seed}.bouncer.test`,
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)} (${i})`,
    sessionId: benchId(BENCH_NOW - 399 * DAY_MS, i, 4),
  }));
  if (agents.length) {
    await db.rawQuery(
      `INSERT INTO "Agent" ("id", "tenantId", "email", "name", "passwordHash", "role", "canSeeAllChats")
       SELECT id, $1, email, name, $5, 'AGENT', true
       FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, email, name)`,
      [
        tenantId,
        agents.map((a) => a.id),
        agents.map((a) => a.email),
        agents.map((a) => a.name),
        options.passwordHash ?? "!bench-no-sign-in",
      ],
    );
    await db.rawQuery(
      `INSERT INTO "AgentSession" ("id", "tenantId", "agentId", "expiresAt")
       SELECT id, $1, agent, now() + interval '30 days' FROM unnest($2::text[], $3::text[]) AS t(id, agent)`,
      [tenantId, agents.map((a) => a.sessionId), agents.map((a) => a.id)],
    );
  }
  let apiKey: string | undefined;
  if (options.apiKey) {
    // Deterministic too, so a run is reproducible end to end (the bench database is thrown away after).
    apiKey = `bk_bench${seed}${"x".repeat(32)}`;
    await db.rawQuery(
      `INSERT INTO "ApiKey" ("id", "tenantId", "name", "prefix", "keyHash") VALUES ($1, $2, 'Bench', $3, $4)`,
      [benchId(BENCH_NOW - 399 * DAY_MS, 0, 3), tenantId, apiKey.slice(0, 9), hashApiKey(apiKey)],
    );
  }
  return { tenantId, agents, apiKey };
}

/** Loads the SMS corpus into a scratch table the bulk inserts pick texts from. */
async function withCorpusTable<T>(db: Sql, run: (size: number) => Promise<T>): Promise<T> {
  const texts = readSmsCorpus().map((entry) =>
    entry.text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
  );
  await db.rawQuery(`DROP TABLE IF EXISTS bench_corpus`);
  await db.rawQuery(
    `CREATE UNLOGGED TABLE bench_corpus (i int PRIMARY KEY, body text NOT NULL, preview text NOT NULL)`,
  );
  await db.rawQuery(
    `INSERT INTO bench_corpus (i, body, preview)
     SELECT i - 1, body, CASE WHEN length(flat) > 160 THEN left(flat, 159) || '…' ELSE flat END
     FROM unnest($1::text[]) WITH ORDINALITY AS t(body, i),
          LATERAL (SELECT btrim(regexp_replace(body, '\\s+', ' ', 'g')) AS flat) f`,
    [texts],
  );
  try {
    return await run(texts.length);
  } finally {
    await db.rawQuery(`DROP TABLE IF EXISTS bench_corpus`);
  }
}

export interface InboxShape {
  conversations: number;
  messagesPerConversation: number;
  /** Conversations per contact (contacts = conversations / this). */
  conversationsPerContact: number;
  /** Share of contacts marked as spam (all their conversations are in Spam). */
  spamContactShare: number;
  /** Share of conversations with an assignee. */
  assignedShare: number;
  /** Share of resolved conversations. */
  resolvedShare: number;
  /** Share of conversations carrying a label. */
  labelledShare: number;
  /** Spread of last activity back from BENCH_NOW. */
  days: number;
}

export const DEFAULT_INBOX_SHAPE: InboxShape = {
  conversations: 100_000,
  messagesPerConversation: 10,
  conversationsPerContact: 2,
  spamContactShare: 0.05,
  assignedShare: 0.6,
  resolvedShare: 0.25,
  labelledShare: 0.1,
  days: 60,
};

/** Contacts 1..C with one identity each, conversations 1..N over them, messages, labels. */
export async function seedInbox(
  db: Sql,
  tenant: BenchTenant,
  shape: InboxShape,
  log: (line: string) => void = () => {},
): Promise<{ contacts: number; spamContacts: number }> {
  const contacts = Math.max(1, Math.floor(shape.conversations / shape.conversationsPerContact));
  const agentIds = tenant.agents.map((a) => a.id);
  const started = Date.now();
  const step = (label: string) => log(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const spamMarker = agentIds[0] ?? null;

  await withCorpusTable(db, async (corpusSize) => {
    const createdMs = `(${BENCH_NOW - 400 * DAY_MS} + k * 1000)`;
    const firstNames = `ARRAY[${FIRST_NAMES.map((n) => `'${n}'`).join(",")}]`;
    const lastNames = `ARRAY[${LAST_NAMES.map((n) => `'${n}'`).join(",")}]`;
    await db.rawQuery(
      `INSERT INTO "Contact" ("id", "tenantId", "name", "spamMarkedAt", "spamMarkedById", "createdAt", "lastSeenAt")
       SELECT ${idSql(createdMs, "k", 4)}, $1,
              (${firstNames})[1 + floor(${randSql("k", 11)} * ${FIRST_NAMES.length})::int] || ' ' ||
              (${lastNames})[1 + floor(${randSql("k", 12)} * ${LAST_NAMES.length})::int],
              CASE WHEN ${randSql("k", 1)} < $2 THEN to_timestamp(${BENCH_NOW} / 1000.0) END,
              CASE WHEN ${randSql("k", 1)} < $2 THEN $3 END,
              to_timestamp(${createdMs} / 1000.0), to_timestamp(${BENCH_NOW} / 1000.0)
       FROM generate_series(1, $4::int) AS k`,
      [tenant.tenantId, shape.spamContactShare, spamMarker, contacts],
    );
    await db.rawQuery(
      `INSERT INTO "ContactIdentity" ("id", "tenantId", "contactId", "channel", "identifier", "createdAt")
       SELECT ${idSql(createdMs, "k", 5)}, $1, ${idSql(createdMs, "k", 4)},
              ch::"Channel",
              CASE ch WHEN 'email' THEN 'contact' || k || '@example.com'
                      WHEN 'whatsapp' THEN '+4477009' || lpad(k::text, 5, '0')
                      WHEN 'ip_telephony' THEN '+4477009' || lpad(k::text, 5, '0')
                      ELSE 'id-' || k END,
              to_timestamp(${BENCH_NOW - 400 * DAY_MS} / 1000.0)
       FROM generate_series(1, $2::int) AS k, LATERAL (SELECT ${CHANNEL_SQL}[1 + k % 7] AS ch) c`,
      [tenant.tenantId, contacts],
    );
    step(`${contacts.toLocaleString("en-US")} contacts`);

    // Conversation n belongs to contact 1 + (n - 1) % C; last activity spread over `days`, recent
    // activity denser (squared), at whole milliseconds. A scratch table holds each conversation's facts
    // so messages and labels can be derived from them in slices.
    await db.rawQuery(`DROP TABLE IF EXISTS bench_conv`);
    await db.rawQuery(
      `CREATE UNLOGGED TABLE bench_conv AS
       SELECT n, k, ${idSql("created_ms", "n", 6)} AS id, ${idSql(createdMs, "k", 4)} AS contact_id,
              last_ms, created_ms, status, spam,
              CASE WHEN status <> 'waiting' AND ${randSql("n", 4)} < $1
                   THEN ($2::text[])[1 + (abs(hashint8extended(n, ${BENCH_SEED + 5})) % $3::int)] END AS assignee,
              abs(hashint8extended(n, ${BENCH_SEED + 7})) % $4::int AS last_text
       FROM generate_series(1, $5::int) AS n,
            LATERAL (SELECT 1 + (n - 1) % $6::int AS k,
                            ${BENCH_NOW} - floor(power(${randSql("n", 6)}, 2) * ${shape.days * DAY_MS})::bigint - n
                              AS last_ms) a,
            LATERAL (SELECT last_ms - ${shape.messagesPerConversation} * 60000 - 60000 AS created_ms,
                            CASE WHEN ${randSql("n", 3)} < $7 THEN 'resolved'
                                 WHEN ${randSql("n", 3)} < $7 + 0.1 THEN 'waiting' ELSE 'open' END AS status,
                            ${randSql("k", 1)} < $8 AS spam) b`,
      [
        shape.assignedShare,
        agentIds,
        Math.max(1, agentIds.length),
        corpusSize,
        shape.conversations,
        contacts,
        shape.resolvedShare,
        shape.spamContactShare,
      ],
    );
    await db.rawQuery(`CREATE UNIQUE INDEX ON bench_conv (n)`);
    await withIndexesRebuiltAfter(
      db,
      "Conversation",
      async () => {
        await db.rawQuery(
          `INSERT INTO "Conversation" ("id", "tenantId", "contactId", "channel", "status", "bucket", "assigneeId",
                                   "spamMarkedById", "lastMessageAt", "lastMessagePreview", "createdAt", "updatedAt")
       SELECT b.id, $1, b.contact_id, ${CHANNEL_SQL}[1 + b.k % 7]::"Channel", b.status::"ConversationStatus",
              (CASE WHEN b.spam THEN 'spam' WHEN b.status = 'resolved' THEN 'resolved' ELSE 'active' END)
                ::"InboxBucket",
              b.assignee, CASE WHEN b.spam THEN $2 END,
              to_timestamp(b.last_ms / 1000.0), c.preview, to_timestamp(b.created_ms / 1000.0),
              to_timestamp(b.last_ms / 1000.0)
       FROM bench_conv b JOIN bench_corpus c ON c.i = b.last_text
       ORDER BY b.n`,
          [tenant.tenantId, spamMarker],
        );
      },
      { keepPrimaryKey: true },
    );
    step(`${shape.conversations.toLocaleString("en-US")} conversations`);

    if (shape.messagesPerConversation > 0) {
      // Message j of conversation n, a minute apart; the last one is the text of the preview. In slices,
      // so one statement never holds millions of rows in memory (PGlite has little).
      const m = shape.messagesPerConversation;
      const slice = 10_000;
      await withIndexesRebuiltAfter(db, "Message", async () => {
        for (let from = 1; from <= shape.conversations; from += slice) {
          await db.rawQuery(
            `INSERT INTO "Message" ("id", "tenantId", "conversationId", "direction", "body", "authorAgentId",
                                   "createdAt")
           SELECT ${idSql("msg_ms", `(b.n * ${m} + j)`, 7)}, $1, b.id,
                  (CASE WHEN outgoing THEN 'out' ELSE 'in' END)::"MessageDirection", c.body,
                  CASE WHEN outgoing THEN b.assignee END, to_timestamp(msg_ms / 1000.0)
           FROM bench_conv b CROSS JOIN generate_series(0, ${m - 1}) AS j,
                LATERAL (SELECT b.last_ms - (${m - 1} - j) * 60000 AS msg_ms,
                                j % 2 = 1 AND b.assignee IS NOT NULL AND j <> ${m - 1} AS outgoing,
                                CASE WHEN j = ${m - 1} THEN b.last_text
                                     ELSE abs(hashint8extended(b.n * 100 + j, ${BENCH_SEED + 8})) % ${corpusSize}
                                END AS text_i) t
           JOIN bench_corpus c ON c.i = t.text_i
           WHERE b.n BETWEEN $2 AND $3`,
            [tenant.tenantId, from, Math.min(shape.conversations, from + slice - 1)],
          );
        }
      });
      step(`${(shape.conversations * m).toLocaleString("en-US")} messages`);
    }

    // Labels: eight, on a share of the conversations (lists show them as chips).
    const labelIds = Array.from({ length: 8 }, (_, i) => benchId(BENCH_NOW - 398 * DAY_MS, i, 8));
    await db.rawQuery(
      `INSERT INTO "Label" ("id", "tenantId", "name", "color")
       SELECT id, $1, 'label-' || i, 'slate' FROM unnest($2::text[]) WITH ORDINALITY AS t(id, i)`,
      [tenant.tenantId, labelIds],
    );
    await db.rawQuery(
      `INSERT INTO "ConversationLabel" ("conversationId", "labelId", "createdAt")
       SELECT b.id, ($1::text[])[1 + (abs(hashint8extended(b.n, ${BENCH_SEED + 9})) % 8)],
              to_timestamp(b.created_ms / 1000.0)
       FROM bench_conv b WHERE ${randSql("b.n", 10)} < $2`,
      [labelIds, shape.labelledShare],
    );
    await db.rawQuery(`DROP TABLE bench_conv`);
  });
  await db.rawQuery(`VACUUM ANALYZE`);
  step("labels, VACUUM ANALYZE");
  const [spam] = await db.rawQuery<{ n: number | string }>(
    `SELECT count(*) AS n FROM "Contact" WHERE "tenantId" = $1 AND "spamMarkedAt" IS NOT NULL`,
    [tenant.tenantId],
  );
  return { contacts, spamContacts: Number(spam?.n ?? 0) };
}

/**
 * Bulk loads run faster into a table without its indexes and foreign keys; this drops them, runs
 * `load`, and re-creates exactly the same definitions (read back from the catalog), so the figures
 * run on the schema's own indexes.
 */
async function withIndexesRebuiltAfter(
  db: Sql,
  table: string,
  load: () => Promise<void>,
  options: { keepPrimaryKey?: boolean } = {},
): Promise<void> {
  const kinds = options.keepPrimaryKey ? ["f", "u"] : ["p", "f", "u"];
  const constraints = await db.rawQuery<{ name: string; def: string; type: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def, contype::text AS type FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype::text = ANY($2::text[]) ORDER BY contype DESC`,
    [`"${table}"`, kinds],
  );
  const indexes = await db.rawQuery<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                       WHERE c.conindid = i.oid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u'))`,
    [`"${table}"`],
  );
  for (const c of constraints) await db.rawQuery(`ALTER TABLE "${table}" DROP CONSTRAINT "${c.name}"`);
  for (const i of indexes) await db.rawQuery(`DROP INDEX "${i.name}"`);
  await load();
  for (const c of [...constraints].reverse())
    await db.rawQuery(`ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.def}`);
  for (const i of indexes) await db.rawQuery(i.def);
}

/**
 * One contact with `conversations` conversations on one channel, each with one message: the subject
 * of the mark-spam figure. Like a flooding sender: 30% resolved, 10% waiting, a fifth of the rest
 * picked up by one of ten agents.
 */
export async function seedBusyContact(
  db: Sql,
  tenant: BenchTenant,
  options: { index: number; conversations: number },
): Promise<string> {
  const contactMs = BENCH_NOW - 300 * DAY_MS + options.index * 1000;
  const contactId = benchId(contactMs, 9_000_000 + options.index, 4);
  await db.rawQuery(
    `INSERT INTO "Contact" ("id", "tenantId", "name", "createdAt", "lastSeenAt")
     VALUES ($1, $2, $3, to_timestamp($4 / 1000.0), to_timestamp($5 / 1000.0))`,
    [contactId, tenant.tenantId, `Busy Contact ${options.index}`, contactMs, BENCH_NOW],
  );
  await db.rawQuery(
    `INSERT INTO "ContactIdentity" ("id", "tenantId", "contactId", "channel", "identifier")
     VALUES ($1, $2, $3, 'webchat', $4)`,
    [benchId(contactMs, 9_000_000 + options.index, 5), tenant.tenantId, contactId, `busy-visitor-${options.index}`],
  );
  const agentIds = tenant.agents.map((a) => a.id);
  const base = 9_100_000 + options.index * 10_000;
  const row = `(${base} + n)`;
  await db.rawQuery(
    `INSERT INTO "Conversation" ("id", "tenantId", "contactId", "channel", "status", "bucket", "assigneeId",
                                 "lastMessageAt", "lastMessagePreview", "createdAt", "updatedAt")
     SELECT ${idSql("at_ms", row, 6)}, $1, $2, 'webchat', status::"ConversationStatus",
            (CASE WHEN status = 'resolved' THEN 'resolved' ELSE 'active' END)::"InboxBucket",
            CASE WHEN status <> 'waiting' AND ${randSql(row, 4)} < 0.2
                 THEN ($3::text[])[1 + (abs(hashint8extended(n, ${BENCH_SEED + 5})) % $4::int)] END,
            to_timestamp(at_ms / 1000.0), 'Message ' || n, to_timestamp(at_ms / 1000.0), to_timestamp(at_ms / 1000.0)
     FROM generate_series(1, $5::int) AS n,
          LATERAL (SELECT ${BENCH_NOW} - n * 3600000::bigint - $6::bigint AS at_ms,
                          CASE WHEN ${randSql(row, 3)} < 0.3 THEN 'resolved'
                               WHEN ${randSql(row, 3)} < 0.4 THEN 'waiting' ELSE 'open' END AS status) t`,
    [
      tenant.tenantId,
      contactId,
      agentIds,
      Math.max(1, Math.min(10, agentIds.length)),
      options.conversations,
      options.index,
    ],
  );
  await db.rawQuery(
    `INSERT INTO "Message" ("id", "tenantId", "conversationId", "direction", "body", "createdAt")
     SELECT ${idSql(`(extract(epoch FROM "lastMessageAt") * 1000)::bigint`, `(${base} + row_number() OVER ())`, 7)},
            "tenantId", "id", 'in', "lastMessagePreview", "lastMessageAt"
     FROM "Conversation" WHERE "contactId" = $1`,
    [contactId],
  );
  return contactId;
}

/** The identifier of bench ban n on its channel (channel = CHANNELS[n % 7]), normalized as ingest does. */
export const BAN_CHANNELS = [
  "webchat",
  "email",
  "ip_telephony",
  "whatsapp",
  "apple_messages",
  "messenger",
  "vkontakte",
] as const;
export function banChannel(n: number): (typeof BAN_CHANNELS)[number] {
  return BAN_CHANNELS[n % 7]!;
}
export function banIdentifier(n: number): string {
  const channel = banChannel(n);
  if (channel === "email") return `spammer${n}@example.net`;
  if (channel === "whatsapp" || channel === "ip_telephony") return `+4478${String(n).padStart(8, "0")}`;
  return `banned-${n}`;
}
const banIdentifierSql = (n: string) =>
  `CASE ${n} % 7 WHEN 1 THEN 'spammer' || ${n} || '@example.net'
                 WHEN 2 THEN '+4478' || lpad(${n}::text, 8, '0')
                 WHEN 3 THEN '+4478' || lpad(${n}::text, 8, '0')
                 ELSE 'banned-' || ${n} END`;

/**
 * Bans 1..active in force (a tenth with a future expiry), and active+1..active+inactive deactivated
 * (history: the same table, no longer in force). Identifiers: banIdentifier(n) on banChannel(n).
 */
export async function seedBans(
  db: Sql,
  tenant: BenchTenant,
  options: { active: number; inactive: number },
): Promise<void> {
  const total = options.active + options.inactive;
  const createdMs = `(${BENCH_NOW - 200 * DAY_MS} + n::bigint * 60000)`;
  await withIndexesRebuiltAfter(db, "Ban", async () => {
    await db.rawQuery(
      `INSERT INTO "Ban" ("id", "tenantId", "channel", "identifier", "reason", "source", "createdByName", "createdAt",
                          "expiresAt", "deactivatedAt", "deactivatedByName", "activeSlot")
       SELECT ${idSql(createdMs, "n", 9)}, $1, ($2::text[])[1 + n % 7]::"Channel", ${banIdentifierSql("n")},
              'bench', 'admin_add', 'Bench Admin', to_timestamp(${createdMs} / 1000.0),
              CASE WHEN n <= $3 AND n % 10 = 0 THEN now() + interval '30 days' END,
              CASE WHEN n > $3 THEN now() - interval '1 day' END,
              CASE WHEN n > $3 THEN 'Bench Admin' END,
              CASE WHEN n <= $3 THEN 'active' END
       FROM generate_series(1, $4::int) AS n`,
      [tenant.tenantId, [...BAN_CHANNELS], options.active, total],
    );
  });
}

/**
 * Live-chat blocks 1..active in force (authenticated contacts: by contact, conversationId null; every
 * fifth an anonymous visitor's, by conversation), and as many lifted or expired ones. Contact of block
 * n: blockContactId(n); conversation: blockConversationId(n).
 */
export const blockContactId = (n: number) => benchId(BENCH_NOW - 100 * DAY_MS, n, 10);
export const blockConversationId = (n: number) => benchId(BENCH_NOW - 100 * DAY_MS, n, 11);
export async function seedLiveChatBlocks(
  db: Sql,
  tenant: BenchTenant,
  options: { active: number; inactive: number },
): Promise<void> {
  const total = options.active + options.inactive;
  const created = `(${BENCH_NOW - 100 * DAY_MS} + n * 1000)`;
  await db.rawQuery(
    `INSERT INTO "LiveChatBlock" ("id", "tenantId", "contactId", "conversationId", "authenticated", "blockedAt",
                                  "blockedUntil", "reason", "blockedByName", "unblockedAt", "unblockedVia")
     SELECT ${idSql(created, "n", 12)}, $1, ${idSql(`${BENCH_NOW - 100 * DAY_MS}`, "n", 10)},
            CASE WHEN n % 5 = 0 THEN ${idSql(`${BENCH_NOW - 100 * DAY_MS}`, "n", 11)} END, n % 5 <> 0,
            now() - interval '1 hour',
            CASE WHEN n <= $2 THEN now() + interval '7 days' ELSE now() - interval '1 minute' END,
            'bench', 'Bench Agent',
            CASE WHEN n > $2 AND n % 2 = 0 THEN now() - interval '5 minutes' END,
            CASE WHEN n > $2 AND n % 2 = 0 THEN 'admin' END
     FROM generate_series(1, $3::int) AS n`,
    [tenant.tenantId, options.active, total],
  );
}
