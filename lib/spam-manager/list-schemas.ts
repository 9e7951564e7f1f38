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

/** The most posters one step of "ban everyone who posted this" bans. */
export const BAN_POSTERS_MAX_STEP = 1_000;

export const banPostersSchema = z.object({
  reason: z
    .string("must be a string")
    .trim()
    .min(1, "must not be empty")
    .max(500, "must be at most 500 characters")
    .optional(),
  /**
   * Ban at most this many of the posters (in a fixed order), so a string posted by thousands is banned in
   * steps that each answer in seconds and show progress; without it, all of them in one call.
   */
  limit: z
    .number("must be a number")
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(BAN_POSTERS_MAX_STEP, `must be at most ${BAN_POSTERS_MAX_STEP}`)
    .optional(),
  /** The previous step's `nextCursor`: go on after the posters it did. */
  after: z.string("must be a string").max(2_000, "is not a cursor from this API").optional(),
});
