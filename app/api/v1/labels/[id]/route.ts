// PATCH /api/v1/labels/:id — rename or recolor a label; DELETE /api/v1/labels/:id — delete it
import { json, readJson, withApiKey } from "@/lib/http/api";
import { deleteLabel, updateLabel } from "@/lib/labels/manage-labels";

export const PATCH = withApiKey<{ id: string }>(async ({ db, actor, params, req }) =>
  json(await updateLabel({ db, actor, labelId: params.id, input: await readJson(req) })),
);

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deleteLabel({ db, actor, labelId: params.id })));
