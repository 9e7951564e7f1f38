// OpenAPI operations of the label catalogue (GET/POST /api/v1/labels, PATCH/DELETE /api/v1/labels/:id).
import { z } from "zod";
import type { Operation } from "@/lib/http/openapi";
import { LABEL_COLORS } from "./label-colors";
import { createLabelSchema, updateLabelSchema } from "./label-schemas";

const label = z.object({
  id: z.string(),
  name: z.string(),
  color: z.enum(LABEL_COLORS),
  createdAt: z.string(),
  conversationCount: z.number().int().describe("how many conversations carry the label"),
});

export const labelOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/labels",
    tag: "Labels",
    summary: "The tenant's labels, by name (all of them: nextCursor is always null).",
    actsAsAgent: true,
    responses: { 200: { description: "Labels", schema: z.object({ items: z.array(label), nextCursor: z.string().nullable() }) } },
  },
  {
    method: "post",
    path: "/api/v1/labels",
    tag: "Labels",
    summary: "Create a label (admins and API keys). Names are 1–40 characters, unique per tenant regardless of case: 409 label_exists names the existing label's id in details.labelId.",
    body: createLabelSchema,
    actsAsAgent: true,
    responses: { 201: { description: "Created", schema: label }, 409: { description: "label_exists", schema: z.object({ error: z.object({ code: z.literal("label_exists"), message: z.string(), details: z.object({ labelId: z.string(), name: z.string() }) }) }) } },
  },
  {
    method: "patch",
    path: "/api/v1/labels/:id",
    tag: "Labels",
    summary: "Rename or recolor a label (admins and API keys). Conversations keep it.",
    body: updateLabelSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The updated label", schema: label }, 409: { description: "label_exists: another label has that name" } },
  },
  {
    method: "delete",
    path: "/api/v1/labels/:id",
    tag: "Labels",
    summary: "Delete a label (admins and API keys); it is removed from every conversation that carried it.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted label, with the number of conversations that carried it", schema: label } },
  },
];
