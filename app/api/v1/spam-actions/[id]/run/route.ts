// POST /api/v1/spam-actions/:id/run — run an action on a user ({ contactId }); answers the Actions Log entry, completed
// or failed
import { z } from "zod";
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { runSpamAction } from "@/lib/spam-manager/spam-actions";
import { runSpamActionSchema } from "@/lib/spam-manager/action-schemas";
import { actionLogEntryViewSchema } from "@/lib/spam-manager/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/spam-actions/:id/run",
    tag: "Spam Manager",
    summary:
      "Run an action on a user. The run is written to the Actions Log and answered whether it completed or failed " +
      "(status and error); `outcome` says what happened.",
    body: runSpamActionSchema,
    actsAsAgent: true,
    responses: {
      200: {
        description: "The Actions Log entry",
        schema: actionLogEntryViewSchema.extend({ outcome: z.string().nullable() }),
      },
    },
  },
  async ({ db, actor, params, req }) => {
    const { log, outcome } = await runSpamAction.fromUntrusted({
      db,
      actor,
      actionId: params.id,
      input: await readJson(req),
    });
    return json({ ...log, outcome });
  },
);
