// Input of the label catalogue, shared by server actions, the REST API, the OpenAPI document and tests.
import { z } from "zod";
import { DEFAULT_LABEL_COLOR, LABEL_COLORS, labelColorSchema } from "./label-colors";

export const LABEL_NAME_MAX = 40;

const labelName = z
  .string("must be a string")
  .trim()
  .min(1, "must not be empty")
  .max(LABEL_NAME_MAX, `must be at most ${LABEL_NAME_MAX} characters`);

export const createLabelSchema = z.object({
  name: labelName,
  color: labelColorSchema.default(DEFAULT_LABEL_COLOR),
});

export const updateLabelSchema = z
  .object({ name: labelName.optional(), color: labelColorSchema.optional() })
  .refine((input) => input.name !== undefined || input.color !== undefined, {
    message: "pass name or color",
    path: ["name"],
  });

export type CreateLabelInput = z.infer<typeof createLabelSchema>;
export type UpdateLabelInput = z.infer<typeof updateLabelSchema>;

/** A label in API answers (times as ISO-8601 strings on the wire). */
export const labelViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.enum(LABEL_COLORS),
  createdAt: z.string(),
  conversationCount: z.number().int().describe("how many conversations carry the label"),
});
