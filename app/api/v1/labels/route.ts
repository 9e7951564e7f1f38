// GET /api/v1/labels — the tenant's labels; POST /api/v1/labels — create one
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute, pageOf } from "@/lib/http/define-route";
import { createLabel, listLabels } from "@/lib/labels/manage-labels";
import { createLabelSchema, labelViewSchema } from "@/lib/labels/label-schemas";

export const GET = defineRoute(
  {
    method: "GET",
    path: "/api/v1/labels",
    tag: "Labels",
    summary: "The tenant's labels, by name (all of them: nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Labels", schema: pageOf(labelViewSchema) } },
  },
  async ({ db, actor }) => json({ items: await listLabels({ db, actor }), nextCursor: null }),
);

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/labels",
    tag: "Labels",
    summary:
      "Create a label (admins and API keys). Names are 1–40 characters, unique per tenant regardless of case: 409 " +
      "label_exists names the existing label's id in details.labelId.",
    body: createLabelSchema,
    actsAsAgent: true,
    responses: {
      201: { description: "Created", schema: labelViewSchema },
      409: {
        description: "label_exists",
        schema: z.object({
          error: z.object({
            code: z.literal("label_exists"),
            message: z.string(),
            details: z.object({ labelId: z.string(), name: z.string() }),
          }),
        }),
      },
    },
  },
  async ({ db, actor, req }) => json(await createLabel.fromUntrusted({ db, actor, input: await readJson(req) }), 201),
);
