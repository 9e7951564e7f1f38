// Inputs of the Allow/Deny lists and "ban everyone who posted this" (client-safe, for forms and docs).
import { z } from "zod";
import { spamKindSchema } from "./kinds";

export const MAX_VALUE_LENGTH = 2000;

export const listEntryInputSchema = z.object({
  kind: spamKindSchema,
  value: z
    .string("must be a string")
    .trim()
    .min(1, "must not be empty")
    .max(MAX_VALUE_LENGTH, `must be at most ${MAX_VALUE_LENGTH} characters`),
});

export const banPostersSchema = z.object({
  reason: z
    .string("must be a string")
    .trim()
    .min(1, "must not be empty")
    .max(500, "must be at most 500 characters")
    .optional(),
});
