// Inputs of Spam Manager actions and rules, shared by the server, the REST API, the OpenAPI document
// and the browser forms (client-safe: no server imports).
import { z } from "zod";
import { channelLabel, channelSchema } from "@/lib/channels/channels";
import { plural } from "@/lib/ui/plural";
import { MAX_BLOCK_MINUTES, MAX_BLOCK_REASON } from "@/lib/live-chat/block-schemas";
import { KIND_LABELS, SPAM_STRING_KINDS, spamKindSchema, type SpamKind } from "./kinds";

export const SPAM_ACTION_TYPES = ["mark_spam", "block_live_chat", "ban_channel", "flag_review"] as const;
export type SpamActionTypeName = (typeof SPAM_ACTION_TYPES)[number];

export const ACTION_TYPE_LABELS: Record<SpamActionTypeName, { label: string; description: string }> = {
  mark_spam: { label: "Mark as spam", description: "Marks the user as spam: all their chats move to the Spam list." },
  block_live_chat: {
    label: "Block for live chat",
    description: "Keeps the user out of the live-chat queue for a period (their latest web chat).",
  },
  ban_channel: {
    label: "Ban on a channel",
    description: "Adds the user to the blacklist on one channel, or on every channel they posted from.",
  },
  flag_review: { label: "Flag for review", description: "Flags the user so a supervisor looks at them." },
};

const reason = z
  .string("must be a string")
  .trim()
  .min(1, "must not be empty")
  .max(MAX_BLOCK_REASON, `must be at most ${MAX_BLOCK_REASON} characters`);

export const ACTION_PARAM_SCHEMAS = {
  mark_spam: z.object({}),
  block_live_chat: z.object({
    minutes: z
      .number("must be a whole number of minutes")
      .int("must be a whole number of minutes")
      .min(1, "must be at least 1")
      .max(MAX_BLOCK_MINUTES, `must be at most ${MAX_BLOCK_MINUTES} (one year)`),
    reason,
    saveToActivityData: z.boolean("must be true or false").default(false),
  }),
  ban_channel: z.object({
    /** Omitted or null: every channel the user posted from. */
    channel: channelSchema.nullable().optional(),
    reason,
    /** Omitted or null: the ban does not expire. */
    expiresInDays: z
      .number("must be a whole number of days")
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(3650, "must be at most 3650")
      .nullable()
      .optional(),
  }),
  flag_review: z.object({}),
} satisfies Record<SpamActionTypeName, z.ZodType>;

export type SpamActionParams = { [T in SpamActionTypeName]: z.output<(typeof ACTION_PARAM_SCHEMAS)[T]> };

/** An action as it is stored and run: `{ type: "block_live_chat"; params: { minutes, reason, … } } | …`. */
export type SpamActionDefinition = {
  [T in SpamActionTypeName]: { type: T; params: SpamActionParams[T] };
}[SpamActionTypeName];

const name = z.string("must be a string").trim().min(1, "must not be empty").max(80, "must be at most 80 characters");
const actionType = z.enum(SPAM_ACTION_TYPES, { error: () => `must be one of ${SPAM_ACTION_TYPES.join(", ")}` });
const paramsDoc =
  "By type — mark_spam: {}; block_live_chat: { minutes, reason, saveToActivityData? }; ban_channel: { channel? " +
  "(default: every channel the user posted from), reason, expiresInDays? }; flag_review: {}";

/** A parse's answer, as zod's safeParse gives it. */
type ParamsParse<D> = { success: true; data: D } | { success: false; error: z.ZodError };

type ActionOfType<T extends SpamActionTypeName> = Extract<SpamActionDefinition, { type: T }>;

/**
 * `params` (absent or null: `{}`) checked against the type's schema, as the union member of that type, the
 * problems reported under params.<field>. Where an input is checked, and where a stored action is loaded.
 */
export function safeParseSpamAction<T extends SpamActionTypeName>(type: T, params: unknown) {
  return safeParseMember<ActionOfType<T>>({ type }, ACTION_PARAM_SCHEMAS[type], params);
}

/** safeParseSpamAction that throws: a stored action that does not parse is a bug, not the user's mistake. */
export function parseSpamAction<T extends SpamActionTypeName>(type: T, params: unknown): ActionOfType<T> {
  return orThrow(safeParseSpamAction(type, params));
}

/** `{ type, params }` or `{ trigger, params }`, the params parsed by the schema of that type or trigger. */
function safeParseMember<D>(discriminant: object, schema: z.ZodType, params: unknown): ParamsParse<D> {
  const result = schema.safeParse(params ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ ...issue, path: ["params", ...issue.path] }));
    return { success: false, error: new z.ZodError(issues) };
  }
  // TypeScript cannot tie a generic type (or trigger) to its params: these are its own schema's output.
  return { success: true, data: { ...discriminant, params: result.data } as D };
}

function orThrow<D>(result: ParamsParse<D>): D {
  if (!result.success) throw result.error;
  return result.data;
}

/** Reports a params parse's problems as the input's own. */
function reportIssues(result: ParamsParse<unknown>, ctx: z.RefinementCtx) {
  if (result.success) return;
  for (const issue of result.error.issues)
    ctx.addIssue({ code: "custom", path: issue.path.map(String), message: issue.message });
}

export const createSpamActionSchema = z
  .object({ name, type: actionType, params: z.record(z.string(), z.unknown()).optional().describe(paramsDoc) })
  .superRefine((input, ctx) => reportIssues(safeParseSpamAction(input.type, input.params), ctx))
  .transform(({ name, type, params }) => ({ name, ...parseSpamAction(type, params) }));

/** Rename, or change the type and/or params (params are checked against the resulting type). */
export const updateSpamActionSchema = z
  .object({
    name: name.optional(),
    type: actionType.optional(),
    params: z.record(z.string(), z.unknown()).optional().describe(paramsDoc),
  })
  .refine((input) => input.name !== undefined || input.type !== undefined || input.params !== undefined, {
    message: "pass name, type or params",
    path: ["name"],
  });

// ─── rules ───────────────────────────────────────────────────────────────────────────────────────

export const SPAM_RULE_TRIGGERS = ["denied_string", "uncategorized_burst", "disguised_string", "spam_score"] as const;
export type SpamRuleTriggerName = (typeof SPAM_RULE_TRIGGERS)[number];

/** A denied-string rule runs its action at most once per user per window (a UTC day by default). */
export const DEFAULT_RULE_WINDOW_MINUTES = 1440;
const MAX_WINDOW_MINUTES = 43_200;

const windowMinutes = z
  .number("must be a whole number of minutes")
  .int("must be a whole number of minutes")
  .min(1, "must be at least 1")
  .max(MAX_WINDOW_MINUTES, `must be at most ${MAX_WINDOW_MINUTES} (30 days)`);

export const RULE_PARAM_SCHEMAS = {
  denied_string: z.object({ windowMinutes: windowMinutes.default(DEFAULT_RULE_WINDOW_MINUTES) }),
  uncategorized_burst: z.object({
    threshold: z
      .number("must be a whole number")
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000"),
    windowMinutes,
  }),
  /** A message contains a string written disguised ("evil[.]com", "name (at) mail (dot) com"), of
   * one of `kinds` (every kind when omitted), that is not on the Allow list. */
  disguised_string: z.object({
    windowMinutes: windowMinutes.default(DEFAULT_RULE_WINDOW_MINUTES),
    kinds: z
      .array(spamKindSchema, "must be a list of kinds")
      .min(1, "must name at least one kind")
      .max(SPAM_STRING_KINDS.length, `must name at most ${SPAM_STRING_KINDS.length} kinds`)
      .transform((kinds) => [...new Set(kinds)])
      .optional(),
  }),
  /** A message's spam score (lib/spam-detection) is at least minScore. Scored only while spam detection is on. */
  spam_score: z.object({
    minScore: z.number("must be a number between 0 and 1").gt(0, "must be more than 0").max(1, "must be at most 1"),
    windowMinutes: windowMinutes.default(DEFAULT_RULE_WINDOW_MINUTES),
  }),
} satisfies Record<SpamRuleTriggerName, z.ZodType>;

export type SpamRuleParams = { [T in SpamRuleTriggerName]: z.output<(typeof RULE_PARAM_SCHEMAS)[T]> };

/** A rule's trigger as it is stored and matched: `{ trigger: "spam_score"; params: { minScore, … } } | …`. */
export type SpamRuleDefinition = {
  [T in SpamRuleTriggerName]: { trigger: T; params: SpamRuleParams[T] };
}[SpamRuleTriggerName];

const ruleTrigger = z.enum(SPAM_RULE_TRIGGERS, { error: () => `must be one of ${SPAM_RULE_TRIGGERS.join(", ")}` });
const ruleParamsDoc =
  "By trigger — denied_string: { windowMinutes? (default 1440: at most one run per user per UTC day) }; " +
  "uncategorized_burst: { threshold, windowMinutes } (at least threshold messages with uncategorized strings " +
  "within windowMinutes; at most one run per user per window); disguised_string: { windowMinutes? (default 1440), " +
  "kinds? (domain, url, phone, email; default all) } (a message contains a string written disguised that is not " +
  "on the Allow list); spam_score: { minScore (0–1), windowMinutes? (default 1440) } (a message's spam score is " +
  "at least minScore; needs spam detection on)";

type RuleOfTrigger<T extends SpamRuleTriggerName> = Extract<SpamRuleDefinition, { trigger: T }>;

/** safeParseSpamAction for a rule's trigger. */
export function safeParseSpamRule<T extends SpamRuleTriggerName>(trigger: T, params: unknown) {
  return safeParseMember<RuleOfTrigger<T>>({ trigger }, RULE_PARAM_SCHEMAS[trigger], params);
}

export function parseSpamRule<T extends SpamRuleTriggerName>(trigger: T, params: unknown): RuleOfTrigger<T> {
  return orThrow(safeParseSpamRule(trigger, params));
}

const actionId = z.string("must be a string").trim().min(1, "must not be empty").max(64, "is not an action id");

export const createSpamRuleSchema = z
  .object({
    name,
    trigger: ruleTrigger,
    params: z.record(z.string(), z.unknown()).optional().describe(ruleParamsDoc),
    actionId,
    enabled: z.boolean("must be true or false").default(true),
  })
  .superRefine((input, ctx) => reportIssues(safeParseSpamRule(input.trigger, input.params), ctx))
  .transform(({ name, trigger, params, actionId, enabled }) => ({
    name,
    ...parseSpamRule(trigger, params),
    actionId,
    enabled,
  }));

export const updateSpamRuleSchema = z
  .object({
    name: name.optional(),
    trigger: ruleTrigger.optional(),
    params: z.record(z.string(), z.unknown()).optional().describe(ruleParamsDoc),
    actionId: actionId.optional(),
    enabled: z.boolean("must be true or false").optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: "pass at least one field",
    path: ["name"],
  });

export const runSpamActionSchema = z.object({
  contactId: z.string("must be a string").trim().min(1, "must not be empty").max(64, "is not a contact id"),
});

/** "Mark as spam", "Block for live chat for 24 hours", …: what an action does, for people. */
export function describeAction(action: SpamActionDefinition): string {
  switch (action.type) {
    case "block_live_chat":
      return `Block for live chat for ${describePeriod(action.params.minutes)}`;
    case "ban_channel": {
      const { channel, expiresInDays } = action.params;
      const period = expiresInDays ? ` for ${plural(expiresInDays, "day")}` : "";
      return `Ban on ${channel ? channelLabel(channel) : "every channel they posted from"}${period}`;
    }
    default:
      return ACTION_TYPE_LABELS[action.type].label;
  }
}

/** The reason a block or a ban is given, if the action gives one. */
export function actionReason(action: SpamActionDefinition): string | null {
  switch (action.type) {
    case "block_live_chat":
    case "ban_channel":
      return action.params.reason;
    default:
      return null;
  }
}

/**
 * describeAction for a form's draft, whose params may not be valid yet. The description never shows the reason, so
 * a reason not typed yet does not keep it from describing the rest; other invalid params give the type's label.
 */
export function describeActionDraft(type: SpamActionTypeName, params: Record<string, unknown> | undefined): string {
  const draft = safeParseSpamAction(type, { ...params, reason: "(any reason)" });
  return draft.success ? describeAction(draft.data) : ACTION_TYPE_LABELS[type].label;
}

/**
 * "when a message contains a denied string", "when a user posts 5+ messages with uncategorized strings within 10
 * minutes".
 */
export function describeTrigger(rule: SpamRuleDefinition): string {
  switch (rule.trigger) {
    case "denied_string":
      return "When a message contains a denied string";
    case "disguised_string":
      return `When a message contains a disguised ${describeKinds(rule.params.kinds)}`;
    case "spam_score":
      return `When a message's spam score is ${Math.round(rule.params.minScore * 100)}% or more`;
    case "uncategorized_burst": {
      const { threshold, windowMinutes } = rule.params;
      const period = describePeriod(windowMinutes);
      return `When a user posts ${threshold} or more messages with uncategorized strings within ${period}`;
    }
  }
}

/** The triggers as a form offers them. */
export const RULE_TRIGGER_LABELS: Record<SpamRuleTriggerName, string> = {
  denied_string: "A message contains a denied string",
  uncategorized_burst: "A user posts many messages with uncategorized strings",
  disguised_string: "A message contains a disguised string",
  spam_score: "A message’s spam score is at least…",
};

/** describeTrigger for a form's draft, whose params may not be valid yet (then: the trigger's label). */
export function describeTriggerDraft(
  trigger: SpamRuleTriggerName,
  params: Record<string, unknown> | undefined,
): string {
  const draft = safeParseSpamRule(trigger, params);
  if (draft.success) return describeTrigger(draft.data);
  const label = RULE_TRIGGER_LABELS[trigger];
  return `When ${label[0]!.toLowerCase()}${label.slice(1)}`;
}

/** "link" (domains and URLs), "phone number", "email", "string" (any kind), "phone number or email"… */
export function describeKinds(kinds: readonly SpamKind[] | undefined): string {
  const list = kinds ? SPAM_STRING_KINDS.filter((kind) => kinds.includes(kind)) : [];
  if (list.length === 0 || list.length === SPAM_STRING_KINDS.length) return "string";
  const words: string[] = [];
  if (list.includes("domain") || list.includes("url")) words.push("link");
  for (const kind of list) if (kind === "phone" || kind === "email") words.push(KIND_LABELS[kind].oneInText);
  return words.join(" or ");
}

export function describePeriod(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "24 hours" : plural(minutes / 1440, "day");
  if (minutes % 60 === 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}
