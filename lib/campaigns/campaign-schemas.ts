// Inputs of the campaign use cases, shared by the REST API, the server actions and the OpenAPI document.
import { z } from "zod";
import { audienceSchema } from "./audience-conditions";

export const CAMPAIGN_KINDS = ["one_time", "ongoing"] as const;
export const CAMPAIGN_STATUSES = ["draft", "sent", "active", "paused"] as const;
export const MAX_MESSAGE_LENGTH = 4000;

const name = z
  .string({ error: () => "must be a string" })
  .trim()
  .min(1, "must not be empty")
  .max(120, "must be at most 120 characters");
const message = z
  .string({ error: () => "must be a string" })
  .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`)
  .refine((text) => text.trim().length > 0, "must not be empty");

export const createCampaignSchema = z
  .object({
    name,
    kind: z.enum(CAMPAIGN_KINDS, { error: () => `must be one of ${CAMPAIGN_KINDS.join(", ")}` }),
    audience: audienceSchema.default([]),
    message,
    /** One-time only: send in the same call. */
    sendNow: z.boolean().optional(),
    /** Ongoing only: activate in the same call. */
    activate: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.sendNow && input.kind !== "one_time") {
      ctx.addIssue({
        code: "custom",
        path: ["sendNow"],
        message: "is for one-time campaigns; an ongoing campaign is activated",
      });
    }
    if (input.activate && input.kind !== "ongoing") {
      ctx.addIssue({
        code: "custom",
        path: ["activate"],
        message: "is for ongoing campaigns; a one-time campaign is sent",
      });
    }
  });

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

/** A draft's editable fields; the kind is fixed once created. */
export const updateCampaignSchema = z.object({
  name: name.optional(),
  audience: audienceSchema.optional(),
  message: message.optional(),
});

export const audiencePreviewSchema = z.object({ audience: audienceSchema.default([]) });

export const listCampaignsQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const audienceQuerySchema = z.object({
  sample: z.coerce.number().int().min(0).max(50).default(5),
});
