// Contact traits are typed key/value pairs (plan = pro, seats = 12, vip = yes, renews = 2027-01-31).
// One place turns a typed value into its stored forms, so the user card, the API, the campaign
// audience and the spam mark all agree. Client-safe: no database access here.
import { z } from "zod";

export const TRAIT_TYPES = ["text", "number", "boolean", "date"] as const;
export type TraitType = (typeof TRAIT_TYPES)[number];

/** Traits the system maintains; agents cannot set or remove them by hand. */
export const SYSTEM_TRAITS = { markedAsSpam: "Marked as Spam" } as const;
const SYSTEM_TRAIT_KEYS = new Set<string>(Object.values(SYSTEM_TRAITS));

export function isSystemTrait(key: string): boolean {
  return SYSTEM_TRAIT_KEYS.has(key);
}

export const traitKeySchema = z.string().trim().min(1, "must not be empty").max(64, "must be at most 64 characters");

/** A trait value as the API and the UI send it. */
export const traitInputSchema = z.discriminatedUnion("type", [
  z.object({ key: traitKeySchema, type: z.literal("text"), value: z.string().trim().max(1000) }),
  z.object({ key: traitKeySchema, type: z.literal("number"), value: z.union([z.number(), z.string().trim()]) }),
  z.object({
    key: traitKeySchema,
    type: z.literal("boolean"),
    value: z.union([z.boolean(), z.enum(["yes", "no", "true", "false"])]),
  }),
  z.object({ key: traitKeySchema, type: z.literal("date"), value: z.string().trim() }),
]);

export type TraitInput = z.infer<typeof traitInputSchema>;

export interface StoredTraitValue {
  value: string;
  numberValue: number | null;
  dateValue: Date | null;
}

/** The stored forms of a typed value, or an error message for the field. */
export function storedTraitValue(
  input: TraitInput,
): { ok: true; stored: StoredTraitValue } | { ok: false; message: string } {
  switch (input.type) {
    case "text":
      return { ok: true, stored: { value: input.value, numberValue: null, dateValue: null } };
    case "number": {
      const number = typeof input.value === "number" ? input.value : Number(input.value.replace(/,/g, ""));
      if (!Number.isFinite(number) || (typeof input.value === "string" && !input.value)) {
        return { ok: false, message: "must be a number" };
      }
      return { ok: true, stored: { value: String(number), numberValue: number, dateValue: null } };
    }
    case "boolean": {
      const yes = input.value === true || input.value === "yes" || input.value === "true";
      return { ok: true, stored: { value: yes ? "true" : "false", numberValue: null, dateValue: null } };
    }
    case "date": {
      // Dates are calendar days (YYYY-MM-DD) or full ISO timestamps; stored as UTC instants.
      const day = /^\d{4}-\d{2}-\d{2}$/.test(input.value);
      const date = new Date(day ? `${input.value}T00:00:00.000Z` : input.value);
      if (Number.isNaN(date.getTime())) return { ok: false, message: "must be a date (YYYY-MM-DD)" };
      return {
        ok: true,
        stored: { value: day ? input.value : date.toISOString(), numberValue: null, dateValue: date },
      };
    }
  }
}

/** How a stored trait reads in the UI: booleans as Yes/No. */
export function displayTraitValue(type: TraitType, value: string): string {
  if (type === "boolean") return value === "true" ? "Yes" : "No";
  return value;
}
