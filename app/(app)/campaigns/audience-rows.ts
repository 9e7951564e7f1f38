// The campaign editor's form values and how they become the server's input. A row of the audience
// builder keeps every field any kind of condition needs (switching kinds keeps what was typed); the
// form schema turns rows into conditions and then validates with the server's own schema
// (createCampaignSchema), so a problem lands on the row field the server would name:
// audience.<n>.key, audience.<n>.value.
import { z } from "zod";
import type { ChannelName } from "@/lib/channels/channels";
import type { TraitType } from "@/lib/contacts/traits";
import {
  audienceSchema,
  type AudienceCondition,
  type AudienceConditionInput,
  type TraitOp,
} from "@/lib/campaigns/audience-conditions";
import { createCampaignSchema } from "@/lib/campaigns/campaign-schemas";
import type { CampaignKind } from "./campaign-ui";

export type RowKind = "channel" | "trait" | "authenticated";

export interface AudienceRow {
  kind: RowKind;
  channelOp: "eq" | "neq";
  channel: ChannelName;
  key: string;
  type: TraitType;
  op: TraitOp;
  value: string;
  authenticated: boolean;
}

export interface CampaignFormValues {
  name: string;
  kind: CampaignKind;
  message: string;
  audience: AudienceRow[];
}

export const needsValue = (op: TraitOp) => op !== "exists" && op !== "not_exists";

export function blankRow(kind: RowKind = "channel"): AudienceRow {
  return {
    kind,
    channelOp: "eq",
    channel: "whatsapp",
    key: "",
    type: "text",
    op: "eq",
    value: "",
    authenticated: true,
  };
}

export function rowFromCondition(condition: AudienceCondition): AudienceRow {
  const row = blankRow(condition.kind);
  switch (condition.kind) {
    case "channel":
      return { ...row, channelOp: condition.op, channel: condition.value };
    case "authenticated":
      return { ...row, authenticated: condition.value };
    case "trait":
      if (!("type" in condition)) return { ...row, key: condition.key, op: condition.op };
      return { ...row, key: condition.key, op: condition.op, type: condition.type, value: String(condition.value) };
  }
}

/** The condition a row stands for, as the API spells it (the server's schema says whether it is complete). */
export function conditionOf(row: AudienceRow): AudienceConditionInput {
  switch (row.kind) {
    case "channel":
      return { kind: "channel", op: row.channelOp, value: row.channel };
    case "authenticated":
      return { kind: "authenticated", value: row.authenticated };
    case "trait":
      if (!needsValue(row.op)) return { kind: "trait", key: row.key, op: row.op };
      return {
        kind: "trait",
        key: row.key,
        op: row.op,
        type: row.type,
        value: row.type === "boolean" ? row.value === "true" : row.value,
      };
  }
}

/** The form's resolver schema: rows to conditions, then the server's create schema. */
export const campaignFormSchema = z
  .custom<CampaignFormValues>()
  .transform(
    (values): z.input<typeof createCampaignSchema> => ({
      name: values.name,
      kind: values.kind,
      message: values.message,
      audience: values.audience.map(conditionOf),
    }),
  )
  .pipe(createCampaignSchema);

const FIELD_WORDS: Record<string, string> = {
  key: "the trait name",
  value: "the value",
  type: "the type",
  op: "the comparison",
  channel: "the channel",
};

/** A problem with one field of a row, in words: "the trait name must not be empty". */
export function describeRowProblem(field: string | undefined, message: string): string {
  return field ? `${FIELD_WORDS[field] ?? field} ${message}` : message;
}

/** The audience's conditions, or which condition is not finished yet (for the live size). */
export function audienceOf(
  rows: AudienceRow[],
): { ok: true; conditions: AudienceCondition[] } | { ok: false; message: string } {
  const parsed = audienceSchema.safeParse(rows.map(conditionOf));
  if (parsed.success) return { ok: true, conditions: parsed.data };
  const issue = parsed.error.issues[0]!;
  const [index, field] = issue.path;
  if (typeof index !== "number") return { ok: false, message: issue.message };
  const problem = describeRowProblem(typeof field === "string" ? field : undefined, issue.message);
  return {
    ok: false,
    message: `Finish condition ${index + 1} to see who matches: ${problem}.`,
  };
}
