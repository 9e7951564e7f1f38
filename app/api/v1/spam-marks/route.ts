// POST /api/v1/spam-marks — mark ({ spam: true }) or un-mark the users of several conversations at once
import { json, readJson, withApiKey } from "@/lib/http/api";
import { bulkSetSpamMarks } from "@/lib/spam-marking/bulk-set-spam-marks";

export const POST = withApiKey(async ({ db, actor, req }) => json(await bulkSetSpamMarks({ db, actor, input: await readJson(req) })));
