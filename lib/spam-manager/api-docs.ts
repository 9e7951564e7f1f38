// OpenAPI operations of the Spam Manager: the string tabs and their history, the Allow/Deny lists,
// spam users, actions, rules, the Actions Log and "ban everyone who posted this".
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { CHANNELS } from "@/lib/channels/channels";
import { SPAM_LISTS, SPAM_STRING_KINDS } from "./kinds";
import { createSpamActionSchema, createSpamRuleSchema, runSpamActionSchema, SPAM_ACTION_TYPES, SPAM_RULE_TRIGGERS, updateSpamActionSchema, updateSpamRuleSchema } from "./action-schemas";
import { banPostersSchema, listEntryInputSchema } from "./list-schemas";

const TAG = "Spam Manager";
const time = () => z.string().describe("ISO-8601 UTC");
const kind = z.enum(SPAM_STRING_KINDS);
const list = z.enum(SPAM_LISTS);
const channel = z.enum(CHANNELS);
const bucket = z.enum(["active", "resolved", "spam", "banned"]);
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const paging = { cursor: z.string().optional().describe("nextCursor of the previous page"), limit: z.number().int().min(1).max(100).optional().describe("default 50") };

const spamString = z.object({
  id: z.string(),
  kind,
  value: z.string().describe("normalized: registrable domain, URL without scheme and www., E.164 phone, lower-case email"),
  domain: z.string().nullable().describe("URLs: their registrable domain"),
  posts: z.number().int().describe("messages containing it in the window"),
  users: z.number().int().describe("distinct users who posted it in the window"),
  lastSeenAt: time(),
  obfuscatedPosts: z.number().int().describe("posts in the window that wrote it disguised (\"evil[.]com\", \"hxxp://\", \"name (at) mail (dot) com\", invisible characters, \"O\" for \"0\")"),
});

const spamStringDetail = z.object({
  id: z.string(),
  kind,
  value: z.string(),
  domain: z.string().nullable(),
  list: list.nullable().describe("the string's own entry, if any"),
  entryId: z.string().nullable(),
  effectiveList: list
    .nullable()
    .describe("the list it counts as on: its own entry, else (URLs) its domain's entry, else (domains) deny when every URL of it in the window is denied; null: uncategorized"),
  coveredBy: z
    .object({ kind, value: z.string(), list })
    .nullable()
    .describe("the domain entry that covers a URL without an entry of its own"),
  firstSeenAt: time(),
  lastSeenAt: time(),
  posts: z.number().int().describe("stored posts"),
  users: z.number().int(),
  obfuscatedPosts: z.number().int().describe("stored posts that wrote it disguised"),
});

const post = z.object({
  id: z.string().describe("the occurrence"),
  messageId: z.string(),
  text: z.string(),
  createdAt: time(),
  channel,
  contact: z.object({ id: z.string(), name: z.string() }),
  conversation: z.object({ id: z.string(), bucket }),
  raw: z.string().nullable().describe("how this post wrote the string (for a domain, the link it came with), at most 500 characters; null for posts recorded before raw forms were kept"),
  obfuscated: z.boolean().describe("this post wrote it disguised"),
});

const entry = z.object({
  id: z.string(),
  list,
  kind,
  value: z.string(),
  createdAt: time(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  spamStringId: z.string().nullable().describe("the stored string with this value, if it was posted"),
  posts: z.number().int(),
});

const stringRef = z.object({ id: z.string(), kind, value: z.string(), list: list.nullable() });
const lastAction = z.object({ id: z.string(), actionName: z.string(), status: z.enum(["completed", "failed"]), manual: z.boolean(), ruleName: z.string().nullable(), createdAt: time() });

const spamUser = z.object({
  contact: z.object({ id: z.string(), name: z.string(), spamMarked: z.boolean(), flaggedForReview: z.boolean() }),
  channels: z.array(channel),
  lastSpamPostAt: time(),
  spamPosts: z.number().int().describe("messages with denied or uncategorized strings in the window"),
  topStrings: z.array(stringRef.extend({ posts: z.number().int() })),
  lastAction: lastAction.nullable(),
});

const userPost = z.object({ messageId: z.string(), text: z.string(), createdAt: time(), channel, conversation: z.object({ id: z.string(), bucket }), strings: z.array(stringRef) });

const action = z.object({ id: z.string(), name: z.string(), type: z.enum(SPAM_ACTION_TYPES), params: z.record(z.string(), z.unknown()), createdAt: time(), ruleCount: z.number().int() });
const rule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: z.enum(SPAM_RULE_TRIGGERS),
  params: z.record(z.string(), z.unknown()),
  action: z.object({ id: z.string(), name: z.string(), type: z.enum(SPAM_ACTION_TYPES) }),
  createdAt: time(),
});
const logEntry = z.object({
  id: z.string(),
  action: z.object({ id: z.string().nullable(), name: z.string() }),
  rule: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  contact: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(["completed", "failed"]),
  error: z.string().nullable(),
  manual: z.boolean(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  windowKey: z.string().nullable(),
  createdAt: time(),
});

const listFull = z.object({ error: z.object({ code: z.literal("list_full"), message: z.string(), details: z.object({ list, cap: z.number().int(), size: z.number().int() }) }) });

export const spamManagerOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/spam-strings",
    tag: TAG,
    summary:
      "A string tab: uncategorized strings of one kind posted within the tenant's retention window, most posted first (or most disguised first with sort=obfuscated). Values are normalized after undoing disguises, so \"evil[.]com\" and \"evil.com\" are one string; obfuscatedPosts counts the posts that wrote it disguised. Hidden: strings on a list, URLs of an allowed or denied domain, bare domain mentions (the URL `example.com` is listed as the domain `example.com`), domains all of whose URLs in the window are denied, and strings taken off a list until they are posted again (supervisors, admins and API keys).",
    query: z.object({
      kind,
      q: z.string().optional().describe("search in the value"),
      obfuscated: z.enum(["true", "false"]).optional().describe("true: only strings written disguised in at least one post of the window; false: only the others"),
      sort: z.enum(["posts", "obfuscated"]).optional().describe("posts (default): most posted first; obfuscated: most disguised posts first, then most posted"),
      ...paging,
    }),
    actsAsAgent: true,
    responses: { 200: { description: "Strings", schema: page(spamString) } },
  },
  {
    method: "get",
    path: "/api/v1/spam-strings/:id",
    tag: TAG,
    summary: "One spam string, the list it is on and its stored posts and users.",
    actsAsAgent: true,
    responses: { 200: { description: "The string", schema: spamStringDetail } },
  },
  {
    method: "get",
    path: "/api/v1/spam-strings/:id/posts",
    tag: TAG,
    summary: "The Spam History: every stored message containing the string, newest first, with its user, channel and conversation, and how that post wrote the string (raw, obfuscated).",
    query: z.object(paging),
    actsAsAgent: true,
    responses: { 200: { description: "Posts", schema: page(post) } },
  },
  {
    method: "get",
    path: "/api/v1/spam-strings/:id/ban-posters",
    tag: TAG,
    summary: "Preview of “ban everyone who posted this” for a denied string: users, users per channel, bans it would add and identifiers already banned. 409 not_denied when the string is not on the Deny list.",
    actsAsAgent: true,
    responses: {
      200: {
        description: "Preview",
        schema: z.object({
          spamString: z.object({ id: z.string(), kind, value: z.string() }),
          users: z.number().int(),
          byChannel: z.record(z.string(), z.number().int()),
          bans: z.number().int(),
          alreadyBanned: z.number().int(),
        }),
      },
      409: { description: "not_denied" },
    },
  },
  {
    method: "post",
    path: "/api/v1/spam-strings/:id/ban-posters",
    tag: TAG,
    summary: "Ban everyone who posted a denied string, through the blacklist: one ban per (user, channel, identifier) they posted it from. Identifiers already banned are counted, not banned twice.",
    body: banPostersSchema,
    actsAsAgent: true,
    responses: {
      200: {
        description: "What happened",
        schema: z.object({
          banned: z.number().int(),
          alreadyBanned: z.number().int(),
          failed: z.number().int(),
          outcomes: z.array(
            z.object({ contactId: z.string(), channel, identifier: z.string(), status: z.enum(["banned", "already_banned", "failed"]), banId: z.string().nullable(), error: z.string().nullable() }),
          ),
        }),
      },
      409: { description: "not_denied" },
    },
  },
  {
    method: "get",
    path: "/api/v1/spam-lists",
    tag: TAG,
    summary: "The Allow and Deny lists (or one of them), newest entries first.",
    query: z.object({ list: list.optional(), kind: kind.optional(), q: z.string().optional(), ...paging }),
    actsAsAgent: true,
    responses: { 200: { description: "Entries", schema: page(entry) } },
  },
  {
    method: "post",
    path: "/api/v1/spam-lists/:list",
    tag: TAG,
    summary:
      "Allow (`/spam-lists/allow`) or deny (`/spam-lists/deny`) a string. The value is normalized like extraction does (“https://www.Example.com/offer” → url `example.com/offer`; for a domain, the registrable domain); a URL that is only its domain (“https://www.Example.com/”) is listed as the domain `example.com` (the answer says kind `domain`). Allowing or denying a domain covers every URL under it without an entry of its own. A string on the other list moves. Each list holds at most the tenant's cap (1000 by default): beyond it, 409 list_full names the cap.",
    body: listEntryInputSchema,
    actsAsAgent: true,
    responses: {
      201: { description: "Added (or moved from the other list)", schema: entry },
      200: { description: "Already on that list", schema: entry },
      409: { description: "list_full", schema: listFull },
    },
  },
  {
    method: "delete",
    path: "/api/v1/spam-lists/entries/:id",
    tag: TAG,
    summary: "Take a string off its list. It shows in the tabs again when it is next posted.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted entry", schema: entry } },
  },
  {
    method: "get",
    path: "/api/v1/spam-users",
    tag: TAG,
    summary: "Spam users: users whose posts in the window contain denied or uncategorized strings, most recent spam first, with their top strings and last account action.",
    query: z.object({ q: z.string().optional().describe("search in the user's name"), ...paging }),
    actsAsAgent: true,
    responses: { 200: { description: "Users", schema: page(spamUser) } },
  },
  {
    method: "get",
    path: "/api/v1/spam-users/:contactId/posts",
    tag: TAG,
    summary: "The User History: the user's stored messages with denied or uncategorized strings, newest first, each with all its strings.",
    query: z.object(paging),
    actsAsAgent: true,
    responses: { 200: { description: "Posts", schema: page(userPost) } },
  },
  {
    method: "get",
    path: "/api/v1/spam-actions",
    tag: TAG,
    summary: "The named actions moderators and rules run (nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Actions", schema: page(action) } },
  },
  {
    method: "post",
    path: "/api/v1/spam-actions",
    tag: TAG,
    summary: "Define an action. Types: mark_spam, block_live_chat, ban_channel, flag_review; params are checked per type. Names are unique (409 action_exists).",
    body: createSpamActionSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: action }, 409: { description: "action_exists" } },
  },
  {
    method: "patch",
    path: "/api/v1/spam-actions/:id",
    tag: TAG,
    summary: "Rename an action or change its type and params.",
    body: updateSpamActionSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The action", schema: action } },
  },
  {
    method: "delete",
    path: "/api/v1/spam-actions/:id",
    tag: TAG,
    summary: "Delete an action and the rules that run it. The Actions Log keeps its runs.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted action", schema: action } },
  },
  {
    method: "post",
    path: "/api/v1/spam-actions/:id/run",
    tag: TAG,
    summary: "Run an action on a user. The run is written to the Actions Log and answered whether it completed or failed (status and error); `outcome` says what happened.",
    body: runSpamActionSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The Actions Log entry", schema: logEntry.extend({ outcome: z.string().nullable() }) } },
  },
  {
    method: "get",
    path: "/api/v1/spam-rules",
    tag: TAG,
    summary: "The post rules (nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Rules", schema: page(rule) } },
  },
  {
    method: "post",
    path: "/api/v1/spam-rules",
    tag: TAG,
    summary:
      "Define a rule: denied_string (a message contains a denied string), uncategorized_burst (a user posts ≥ threshold messages with uncategorized strings within windowMinutes) or disguised_string (a message contains a string of one of kinds written disguised — \"evil[.]com\", \"hxxp://\", \"name (at) mail (dot) com\" — that is not on the Allow list). Rules run on ingest, at most once per user per rule per window.",
    body: createSpamRuleSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: rule } },
  },
  {
    method: "patch",
    path: "/api/v1/spam-rules/:id",
    tag: TAG,
    summary: "Change a rule, or enable/disable it.",
    body: updateSpamRuleSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The rule", schema: rule } },
  },
  {
    method: "delete",
    path: "/api/v1/spam-rules/:id",
    tag: TAG,
    summary: "Delete a rule.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted rule", schema: rule } },
  },
  {
    method: "get",
    path: "/api/v1/action-log",
    tag: TAG,
    summary: "The Actions Log: every run of an action, by hand or by a rule, completed or failed with its error; newest first.",
    query: z.object({ contactId: z.string().optional(), status: z.enum(["completed", "failed"]).optional(), ...paging }),
    actsAsAgent: true,
    responses: { 200: { description: "Runs", schema: page(logEntry) } },
  },
];
