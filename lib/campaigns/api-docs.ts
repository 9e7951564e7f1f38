// OpenAPI operations of campaigns (lib/http/openapi.ts imports campaignOperations).
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { CHANNELS } from "@/lib/channels/channels";
import { audienceSchema } from "./audience-conditions";
import {
  audiencePreviewSchema,
  audienceQuerySchema,
  CAMPAIGN_KINDS,
  CAMPAIGN_STATUSES,
  createCampaignSchema,
  listCampaignsQuerySchema,
  updateCampaignSchema,
} from "./campaign-schemas";

const campaign = z.object({
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
const audience = z.object({
  count: z.number().int().describe("contacts matching now"),
  sample: z.array(z.object({ id: z.string(), name: z.string() })).describe("a few of them, most recently seen first"),
});
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const AUDIENCE_HELP =
  "Audience conditions, all of which must hold: " +
  `{ kind: "channel", op: "eq"|"neq", value: ${CHANNELS.join("|")} } (has / has no identity on the channel); ` +
  '{ kind: "authenticated", value: true|false }; ' +
  '{ kind: "trait", key, op: "eq"|"neq"|"contains"|"gt"|"gte"|"lt"|"lte"|"exists"|"not_exists", type?: "text"|"number"|"boolean"|"date", value? }. ' +
  "The compared type is inferred from the value when omitted (number → number, boolean → yes/no, string → text; with gt/gte/lt/lte a numeric string → number and YYYY-MM-DD → date). " +
  "Text compares case-insensitively; a date given as a day means the whole UTC day; neq also matches contacts without the trait.";

export const campaignOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "The tenant's campaigns, newest first. Admins and API keys only.",
    query: listCampaignsQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "A page", schema: page(campaign) } },
  },
  {
    method: "post",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: `Create a campaign (a draft). With sendNow a one-time campaign is sent in the same call (the answer carries recipientCount); with activate an ongoing one starts. ${AUDIENCE_HELP}`,
    body: createCampaignSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: campaign } },
  },
  {
    method: "post",
    path: "/api/v1/campaigns/audience-preview",
    tag: "Campaigns",
    summary: "Count and sample the audience of conditions without saving a campaign.",
    body: audiencePreviewSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The audience now", schema: audience } },
  },
  {
    method: "get",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "One campaign with its recipient count.",
    actsAsAgent: true,
    responses: { 200: { description: "The campaign", schema: campaign } },
  },
  {
    method: "patch",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "Edit a draft's name, audience or message. 409 campaign_not_draft once it has gone out.",
    body: updateCampaignSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The campaign", schema: campaign }, 409: { description: "Not a draft" } },
  },
  {
    method: "delete",
    path: "/api/v1/campaigns/:id",
    tag: "Campaigns",
    summary: "Delete a draft. 409 campaign_not_draft once it has gone out.",
    actsAsAgent: true,
    responses: { 200: { description: "Deleted", schema: z.object({ id: z.string(), deleted: z.literal(true) }) }, 409: { description: "Not a draft" } },
  },
  {
    method: "get",
    path: "/api/v1/campaigns/:id/audience",
    tag: "Campaigns",
    summary: "How many contacts the campaign's conditions match now, and a sample of them.",
    query: audienceQuerySchema,
    actsAsAgent: true,
    responses: { 200: { description: "The audience now", schema: audience } },
  },
  {
    method: "post",
    path: "/api/v1/campaigns/:id/send",
    tag: "Campaigns",
    summary:
      "Send a one-time campaign: queues one outbox message per contact in the audience (on the audience's channel, else the contact's newest identity) and records each recipient. Once only: 409 campaign_already_sent afterwards; 409 campaign_not_one_time for an ongoing campaign.",
    actsAsAgent: true,
    responses: { 200: { description: "The sent campaign", schema: campaign }, 409: { description: "Already sent, or not a one-time campaign" } },
  },
  {
    method: "post",
    path: "/api/v1/campaigns/:id/activate",
    tag: "Campaigns",
    summary: "Start or resume an ongoing campaign: each contact that starts matching its audience from now on receives it, once. 409 campaign_not_ongoing for a one-time campaign.",
    actsAsAgent: true,
    responses: { 200: { description: "The campaign", schema: campaign }, 409: { description: "Not an ongoing campaign" } },
  },
  {
    method: "post",
    path: "/api/v1/campaigns/:id/pause",
    tag: "Campaigns",
    summary: "Pause an active ongoing campaign. 409 for a draft or a one-time campaign.",
    actsAsAgent: true,
    responses: { 200: { description: "The campaign", schema: campaign }, 409: { description: "Not an active ongoing campaign" } },
  },
];
