// POST /api/v1/spam-marks — mark ({ spam: true }) or un-mark the users of several conversations at once
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { bulkSetSpamMarks, bulkSpamMarkSchema } from "@/lib/spam-marking/bulk-set-spam-marks";
import { bulkSpamMarkResultSchema } from "@/lib/spam-marking/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-marks",
    tag: "Spam marking",
    summary: "Mark or un-mark the users of several conversations (one transaction per contact); answers a summary.",
    body: bulkSpamMarkSchema,
    actsAsAgent: true,
    responses: { 200: { description: "Summary", schema: bulkSpamMarkResultSchema } },
  },
  async ({ db, actor, req }) => json(await bulkSetSpamMarks.fromUntrusted({ db, actor, input: await readJson(req) })),
);
