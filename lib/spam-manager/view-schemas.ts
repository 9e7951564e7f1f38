// The shapes the Spam Manager answers with in the API: string tabs and their history, the Allow/Deny
// lists, spam users, actions, rules and the Actions Log.
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";
import { SPAM_LISTS, SPAM_STRING_KINDS } from "./kinds";
import { SPAM_ACTION_TYPES, SPAM_RULE_TRIGGERS } from "./action-schemas";

const time = () => z.string().describe("ISO-8601 UTC");
const kind = z.enum(SPAM_STRING_KINDS);
const list = z.enum(SPAM_LISTS);
const channel = z.enum(CHANNELS);
const bucket = z.enum(["active", "resolved", "spam", "banned"]);

export const spamStringViewSchema = z.object({
  id: z.string(),
  kind,
  value: z
    .string()
    .describe("normalized: registrable domain, URL without scheme and www., E.164 phone, lower-case email"),
  domain: z.string().nullable().describe("URLs: their registrable domain"),
  posts: z.number().int().describe("messages containing it in the window"),
  users: z.number().int().describe("distinct users who posted it in the window"),
  lastSeenAt: time(),
  obfuscatedPosts: z
    .number()
    .int()
    .describe(
      'posts in the window that wrote it disguised ("evil[.]com", "hxxp://", "name (at) mail (dot) com", ' +
        'invisible characters, "O" for "0")',
    ),
});

export const spamStringDetailViewSchema = z.object({
  id: z.string(),
  kind,
  value: z.string(),
  domain: z.string().nullable(),
  list: list.nullable().describe("the string's own entry, if any"),
  entryId: z.string().nullable(),
  effectiveList: list
    .nullable()
    .describe(
      "the list it counts as on: its own entry, else (URLs) its domain's entry, else (domains) deny when every " +
        "URL of it in the window is denied; null: uncategorized",
    ),
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

export const spamPostViewSchema = z.object({
  id: z.string().describe("the occurrence"),
  messageId: z.string(),
  text: z.string(),
  createdAt: time(),
  channel,
  contact: z.object({ id: z.string(), name: z.string() }),
  conversation: z.object({ id: z.string(), bucket }),
  raw: z
    .string()
    .nullable()
    .describe(
      "how this post wrote the string (for a domain, the link it came with), at most 500 characters; null for " +
        "posts recorded before raw forms were kept",
    ),
  obfuscated: z.boolean().describe("this post wrote it disguised"),
});

export const listEntryViewSchema = z.object({
  id: z.string(),
  list,
  kind,
  value: z.string(),
  createdAt: time(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  spamStringId: z.string().nullable().describe("the stored string with this value, if it was posted"),
  posts: z.number().int(),
});

export const spamStringRefViewSchema = z.object({ id: z.string(), kind, value: z.string(), list: list.nullable() });
export const lastAccountActionViewSchema = z.object({
  id: z.string(),
  actionName: z.string(),
  status: z.enum(["completed", "failed"]),
  manual: z.boolean(),
  ruleName: z.string().nullable(),
  createdAt: time(),
});

export const spamUserViewSchema = z.object({
  contact: z.object({ id: z.string(), name: z.string(), spamMarked: z.boolean(), flaggedForReview: z.boolean() }),
  channels: z.array(channel),
  lastSpamPostAt: time(),
  spamPosts: z.number().int().describe("messages with denied or uncategorized strings in the window"),
  topStrings: z.array(spamStringRefViewSchema.extend({ posts: z.number().int() })),
  lastAction: lastAccountActionViewSchema.nullable(),
});

export const userSpamPostViewSchema = z.object({
  messageId: z.string(),
  text: z.string(),
  createdAt: time(),
  channel,
  conversation: z.object({ id: z.string(), bucket }),
  strings: z.array(spamStringRefViewSchema),
});

export const spamActionViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(SPAM_ACTION_TYPES),
  params: z.record(z.string(), z.unknown()),
  createdAt: time(),
  ruleCount: z.number().int(),
});
export const spamRuleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  trigger: z.enum(SPAM_RULE_TRIGGERS),
  params: z.record(z.string(), z.unknown()),
  action: z.object({ id: z.string(), name: z.string(), type: z.enum(SPAM_ACTION_TYPES) }),
  createdAt: time(),
});
export const actionLogEntryViewSchema = z.object({
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

export const listFullErrorSchema = z.object({
  error: z.object({
    code: z.literal("list_full"),
    message: z.string(),
    details: z.object({ list, cap: z.number().int(), size: z.number().int() }),
  }),
});
