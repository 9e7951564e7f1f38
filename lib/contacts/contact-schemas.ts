import { z } from "zod";
import { traitInputSchema, traitKeySchema } from "./traits";

/** The UI's form: typed traits to set, keys to remove. */
export const contactUpdateSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").max(200).optional(),
  set: z.array(traitInputSchema).max(100).default([]),
  remove: z.array(traitKeySchema).max(100).default([]),
});

export type ContactUpdate = z.infer<typeof contactUpdateSchema>;

const typedTraitValue = z.object({ type: z.enum(["text", "number", "boolean", "date"]), value: z.unknown() });

/**
 * PATCH /api/v1/contacts/:id — traits as a map, typed by their JSON type:
 * { "traits": { "plan": "pro", "seats": 12, "vip": true, "renews": { "type": "date", "value": "2027-01-31" }, "old":
 * null } }
 * null removes a trait.
 */
export const contactPatchSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200).optional(),
    traits: z
      .record(traitKeySchema, z.union([z.string(), z.number(), z.boolean(), z.null(), typedTraitValue]))
      .optional(),
  })
  .transform(({ name, traits = {} }) => {
    const set: unknown[] = [];
    const remove: string[] = [];
    for (const [key, value] of Object.entries(traits)) {
      if (value === null) remove.push(key);
      else if (typeof value === "object") set.push({ key, ...value });
      else set.push({ key, type: typeof value === "string" ? "text" : typeof value, value });
    }
    return { ...(name === undefined ? {} : { name }), set, remove } as z.input<typeof contactUpdateSchema>;
  })
  .pipe(contactUpdateSchema);
