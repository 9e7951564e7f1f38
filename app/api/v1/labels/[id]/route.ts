// PATCH /api/v1/labels/:id — rename or recolor a label; DELETE /api/v1/labels/:id — delete it
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deleteLabel, updateLabel } from "@/lib/labels/manage-labels";
import { labelViewSchema, updateLabelSchema } from "@/lib/labels/label-schemas";

export const PATCH = defineRoute(
  {
    method: "PATCH",
    path: "/api/v1/labels/:id",
    tag: "Labels",
    summary: "Rename or recolor a label (admins and API keys). Conversations keep it.",
    body: updateLabelSchema,
    actsAsAgent: true,
    responses: {
      200: { description: "The updated label", schema: labelViewSchema },
      409: { description: "label_exists: another label has that name" },
    },
  },
  async ({ db, actor, params, req }) =>
    json(await updateLabel.fromUntrusted({ db, actor, labelId: params.id, input: await readJson(req) })),
);

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/labels/:id",
    tag: "Labels",
    summary: "Delete a label (admins and API keys); it is removed from every conversation that carried it.",
    actsAsAgent: true,
    responses: {
      200: {
        description: "The deleted label, with the number of conversations that carried it",
        schema: labelViewSchema,
      },
    },
  },
  async ({ db, actor, params }) => json(await deleteLabel({ db, actor, labelId: params.id })),
);
