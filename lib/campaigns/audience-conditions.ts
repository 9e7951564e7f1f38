// The conditions a campaign audience is made of, as the API, the UI and the stored Campaign.audience
// spell them. Parsing normalizes a condition (infers and checks the compared type), so what is
// stored is always explicit. Client-safe: no database access here; the query is lib/campaigns/audience.ts.
import { z } from "zod";
import { CHANNELS, CHANNEL_INFO, channelSchema } from "@/lib/channels/channels";
import {
  displayTraitValue,
  storedTraitValue,
  traitKeySchema,
  TRAIT_TYPES,
  type TraitType,
} from "@/lib/contacts/traits";

export const CONDITION_KINDS = ["channel", "trait", "authenticated"] as const;
export const CHANNEL_OPS = ["eq", "neq"] as const;
export const TRAIT_OPS = ["eq", "neq", "contains", "gt", "gte", "lt", "lte", "exists", "not_exists"] as const;
export type TraitOp = (typeof TRAIT_OPS)[number];

/** Ops that compare an order: numbers and dates only. */
export const ORDERING_OPS: readonly TraitOp[] = ["gt", "gte", "lt", "lte"];
/** Which ops make sense for each compared type (the UI offers these; the parser enforces them). */
export const TRAIT_OPS_BY_TYPE: Record<TraitType, readonly TraitOp[]> = {
  text: ["eq", "neq", "contains", "exists", "not_exists"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "exists", "not_exists"],
  date: ["eq", "neq", "gt", "gte", "lt", "lte", "exists", "not_exists"],
  boolean: ["eq", "neq", "exists", "not_exists"],
};

export const MAX_AUDIENCE_CONDITIONS = 20;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const channelCondition = z.object({
  kind: z.literal("channel"),
  op: z.enum(CHANNEL_OPS, { error: () => `must be one of ${CHANNEL_OPS.join(", ")}` }).default("eq"),
  value: channelSchema,
});

const authenticatedCondition = z.object({
  kind: z.literal("authenticated"),
  value: z.boolean({ error: () => "must be true (signed-in users) or false (anonymous)" }),
});

const traitConditionInput = z.object({
  kind: z.literal("trait"),
  key: traitKeySchema,
  op: z.enum(TRAIT_OPS, { error: () => `must be one of ${TRAIT_OPS.join(", ")}` }),
  /** The type compared; inferred from the value when left out (see normalizeTraitCondition). */
  type: z.enum(TRAIT_TYPES, { error: () => `must be one of ${TRAIT_TYPES.join(", ")}` }).optional(),
  value: z
    .union([z.string().trim().max(1000, "must be at most 1000 characters"), z.number(), z.boolean()], {
      error: () => "must be a string, a number or a boolean",
    })
    .optional(),
});

type TraitConditionInput = z.infer<typeof traitConditionInput>;

/** A trait condition as stored: `type` and `value` are present (and consistent) unless the op is exists/not_exists. */
export type TraitCondition =
  | { kind: "trait"; key: string; op: "exists" | "not_exists" }
  | { kind: "trait"; key: string; op: TraitOp; type: "text"; value: string }
  | { kind: "trait"; key: string; op: TraitOp; type: "number"; value: number }
  | { kind: "trait"; key: string; op: TraitOp; type: "boolean"; value: boolean }
  /** A calendar day (YYYY-MM-DD, UTC) or an ISO instant. */
  | { kind: "trait"; key: string; op: TraitOp; type: "date"; value: string };

type Normalized = { ok: true; condition: TraitCondition } | { ok: false; field: "type" | "value"; message: string };

/**
 * Infers the compared type when none is given: a number compares numbers, a boolean compares yes/no,
 * a string compares text — except with gt/gte/lt/lte, where a numeric string compares numbers and a
 * date string (YYYY-MM-DD or ISO) compares dates. Then checks that the op fits the type.
 */
export function normalizeTraitCondition(input: TraitConditionInput): Normalized {
  const { key, op } = input;
  if (op === "exists" || op === "not_exists") return { ok: true, condition: { kind: "trait", key, op } };
  if (input.value === undefined || input.value === "")
    return { ok: false, field: "value", message: `is required for ${op}` };
  const ordering = ORDERING_OPS.includes(op);
  const type: TraitType = input.type ?? inferType(input.value, ordering);
  if (op === "contains" && type !== "text") {
    return { ok: false, field: input.type ? "type" : "value", message: "contains compares text: give a string" };
  }
  if (ordering && (type === "text" || type === "boolean")) {
    return {
      ok: false,
      field: input.type ? "type" : "value",
      message: `${op} compares numbers or dates: give a number, or a date (YYYY-MM-DD) with type "date"`,
    };
  }
  switch (type) {
    case "text":
      if (typeof input.value !== "string")
        return { ok: false, field: "value", message: 'must be a string for type "text"' };
      return { ok: true, condition: { kind: "trait", key, op, type, value: input.value } };
    case "boolean": {
      if (typeof input.value === "number")
        return { ok: false, field: "value", message: 'must be true or false for type "boolean"' };
      if (typeof input.value === "string" && !["yes", "no", "true", "false"].includes(input.value.toLowerCase())) {
        return { ok: false, field: "value", message: 'must be true or false for type "boolean"' };
      }
      const yes =
        input.value === true ||
        (typeof input.value === "string" && ["yes", "true"].includes(input.value.toLowerCase()));
      return { ok: true, condition: { kind: "trait", key, op, type, value: yes } };
    }
    case "number": {
      if (typeof input.value === "boolean") return { ok: false, field: "value", message: "must be a number" };
      const parsed = storedTraitValue({ key, type, value: input.value });
      if (!parsed.ok) return { ok: false, field: "value", message: parsed.message };
      return { ok: true, condition: { kind: "trait", key, op, type, value: parsed.stored.numberValue! } };
    }
    case "date": {
      if (typeof input.value !== "string") return { ok: false, field: "value", message: "must be a date (YYYY-MM-DD)" };
      const parsed = storedTraitValue({ key, type, value: input.value });
      if (!parsed.ok) return { ok: false, field: "value", message: parsed.message };
      return { ok: true, condition: { kind: "trait", key, op, type, value: parsed.stored.value } };
    }
  }
}

function inferType(value: string | number | boolean, ordering: boolean): TraitType {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (ordering) {
    if (DAY.test(value) || ISO_INSTANT.test(value)) return "date";
    if (value.trim() !== "" && Number.isFinite(Number(value))) return "number";
  }
  return "text";
}

const traitCondition = traitConditionInput.transform((input, ctx): TraitCondition => {
  const result = normalizeTraitCondition(input);
  if (result.ok) return result.condition;
  ctx.issues.push({ code: "custom", message: result.message, input, path: [result.field] });
  return z.NEVER;
});

export const audienceConditionSchema = z.discriminatedUnion(
  "kind",
  [channelCondition, traitCondition, authenticatedCondition],
  {
    error: (issue) =>
      issue.code === "invalid_union" ? `kind must be one of ${CONDITION_KINDS.join(", ")}` : undefined,
  },
);

/** All conditions must hold (AND). An empty list is everyone in the tenant. */
export const audienceSchema = z
  .array(audienceConditionSchema, { error: () => "must be a list of conditions" })
  .max(MAX_AUDIENCE_CONDITIONS, `at most ${MAX_AUDIENCE_CONDITIONS} conditions`);

export type AudienceCondition = z.output<typeof audienceConditionSchema>;
export type AudienceConditionInput = z.input<typeof audienceConditionSchema>;

/** The channel a campaign delivers on when its audience names one ("channel is WhatsApp"). */
export function deliveryChannelOf(conditions: readonly AudienceCondition[]): (typeof CHANNELS)[number] | null {
  const condition = conditions.find((c) => c.kind === "channel" && c.op === "eq");
  return condition?.kind === "channel" ? condition.value : null;
}

const OP_WORDS: Record<TraitOp, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "is set",
  not_exists: "is not set",
};
const DATE_OP_WORDS: Partial<Record<TraitOp, string>> = {
  gt: "is after",
  gte: "is on or after",
  lt: "is before",
  lte: "is on or before",
};

/** One condition in words, for lists and the campaign page: “plan is pro”, “channel is WhatsApp”. */
export function describeCondition(condition: AudienceCondition): string {
  switch (condition.kind) {
    case "channel":
      return `Channel ${condition.op === "eq" ? "is" : "is not"} ${CHANNEL_INFO[condition.value].label}`;
    case "authenticated":
      return condition.value ? "Is a signed-in user" : "Is anonymous";
    case "trait": {
      if (!("type" in condition)) return `${condition.key} ${OP_WORDS[condition.op]}`;
      const words = (condition.type === "date" && DATE_OP_WORDS[condition.op]) || OP_WORDS[condition.op];
      const value =
        condition.type === "boolean" ? displayTraitValue("boolean", String(condition.value)) : String(condition.value);
      return `${condition.key} ${words} ${condition.type === "text" ? `“${value}”` : value}`;
    }
  }
}
