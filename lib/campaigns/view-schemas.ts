// The shapes campaigns answer with in the API, and how audience conditions read (for the document).
import { z } from "zod";
import { CHANNELS } from "@/lib/channels/channels";
import { audienceSchema } from "./audience-conditions";
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from "./campaign-schemas";

export const campaignViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  status: z.enum(CAMPAIGN_STATUSES).describe("one_time: draft → sent; ongoing: draft → active ⇄ paused"),
  audience: audienceSchema.describe("the normalized conditions, all of which a contact meets"),
  message: z.string(),
  createdById: z.string().nullable().describe("the agent who created it, null for an API key"),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable().describe("when a one-time campaign was sent, or an ongoing one first activated"),
  recipientCount: z.number().int(),
});

export const audienceViewSchema = z.object({
  count: z.number().int().describe("contacts matching now"),
  sample: z.array(z.object({ id: z.string(), name: z.string() })).describe("a few of them, most recently seen first"),
});

export const AUDIENCE_HELP =
  "Audience conditions, all of which must hold: " +
  `{ kind: "channel", op: "eq"|"neq", value: ${CHANNELS.join("|")} } (has / has no identity on the channel); ` +
  '{ kind: "authenticated", value: true|false }; ' +
  '{ kind: "trait", key, op: "eq"|"neq"|"contains"|"gt"|"gte"|"lt"|"lte"|"exists"|"not_exists", type?: ' +
  '"text"|"number"|"boolean"|"date", value? }. ' +
  "The compared type is inferred from the value when omitted (number → number, boolean → yes/no, string → text; " +
  "with gt/gte/lt/lte a numeric string → number and YYYY-MM-DD → date). " +
  "Text compares case-insensitively; a date given as a day means the whole UTC day; neq also matches contacts " +
  "without the trait.";
