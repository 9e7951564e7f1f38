// The live-chat block's input, exactly as chatbot flows send it (POST /api/v1/livechat/block), and the
// presets the agent UI offers. Client-safe: the end-of-chat dialog validates with the same schema.
import { z } from "zod";

/** The API's default when BlockIntervalMinutes is omitted (the tenant default only pre-fills the UI). */
export const DEFAULT_BLOCK_MINUTES = 1440;
/** One year. */
export const MAX_BLOCK_MINUTES = 525_600;
export const MAX_BLOCK_REASON = 500;

export const BLOCK_PRESETS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 1440, label: "24 hours" },
  { minutes: 10_080, label: "7 days" },
  { minutes: 43_200, label: "30 days" },
] as const;

export const blockInputSchema = z.object({
  BlockIntervalMinutes: z
    .number({ error: "must be a whole number of minutes" })
    .int("must be a whole number of minutes")
    .min(1, "must be at least 1")
    .max(MAX_BLOCK_MINUTES, `must be at most ${MAX_BLOCK_MINUTES} (one year)`)
    .default(DEFAULT_BLOCK_MINUTES),
  BlockReason: z
    .string({ error: "is required" })
    .trim()
    .min(1, "is required")
    .max(MAX_BLOCK_REASON, `must be at most ${MAX_BLOCK_REASON} characters`),
  SaveToChatActivityData: z.boolean({ error: "must be true or false" }).default(false),
});

export type BlockInput = z.input<typeof blockInputSchema>;
export type ParsedBlockInput = z.output<typeof blockInputSchema>;

/** The API body: the block parameters plus the conversation the request is about. */
export const blockRequestSchema = blockInputSchema.extend({
  conversationId: z.string({ error: "is required" }).min(1, "is required").max(64),
});

export const connectRequestSchema = z.object({
  conversationId: z.string({ error: "is required" }).min(1, "is required").max(64),
});

/** "24 hours", "7 days", "90 minutes": a block period for people. */
export function describeMinutes(minutes: number): string {
  const preset = BLOCK_PRESETS.find((p) => p.minutes === minutes);
  if (preset) return preset.label;
  if (minutes % 1440 === 0) return `${minutes / 1440} days`;
  if (minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** The keys written to Contact.activityData when SaveToChatActivityData is true. */
export const ACTIVITY_KEYS = {
  blockedUntil: "LiveChatBlockedUntil",
  reason: "LiveChatBlockedReason",
  blockedAt: "LiveChatBlockedAt",
  by: "LiveChatBlockedByAgentName",
} as const;

/** What POST /api/v1/livechat/connect answers: the admission gate's decision. */
export const connectAnswerSchema = z.union([
  z.object({ connected: z.literal(true), state: z.literal("Queued"), position: z.number().describe("1 = next") }),
  z
    .object({
      connected: z.literal(true),
      state: z.literal("Assigned"),
      assignee: z.object({ id: z.string(), name: z.string() }),
    })
    .describe("already with an agent; nothing changed"),
  z.object({ connected: z.literal(false), state: z.literal("IsBlockedForLiveChat"), blockedUntil: z.string() }),
  z.object({ connected: z.literal(false), state: z.literal("IsOutsideWorkingHours") }),
  z.object({ connected: z.literal(false), state: z.literal("IsBanned") }),
]);
