// DELETE /api/v1/spam-lists/entries/:id — take a string off its list; it shows in the tabs again when next posted
import { json, withApiKey } from "@/lib/http/api";
import { deleteListEntry } from "@/lib/spam-manager/spam-lists";

export const DELETE = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await deleteListEntry({ db, actor, entryId: params.id })));
