// DELETE /api/v1/spam-lists/entries/:id — take a string off its list; it shows in the tabs again when next posted
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { deleteListEntry } from "@/lib/spam-manager/spam-lists";
import { listEntryViewSchema } from "@/lib/spam-manager/view-schemas";

export const DELETE = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/spam-lists/entries/:id",
    tag: "Spam Manager",
    summary: "Take a string off its list. It shows in the tabs again when it is next posted.",
    actsAsAgent: true,
    responses: { 200: { description: "The deleted entry", schema: listEntryViewSchema } },
  },
  async ({ db, actor, params }) => json(await deleteListEntry({ db, actor, entryId: params.id })),
);
