// POST /api/v1/spam-lists/allow|deny — allow or deny a string ({ kind, value }); 201 with the entry (200 if it was already there)
import { json, readJson, withApiKey } from "@/lib/http/api";
import { addListEntry } from "@/lib/spam-manager/spam-lists";

export const POST = withApiKey<{ list: string }>(async ({ db, actor, params, req }) => {
  const { entry, created } = await addListEntry({ db, actor, list: params.list, input: await readJson(req) });
  return json(entry, created ? 201 : 200);
});
