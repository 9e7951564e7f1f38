// POST /api/v1/conversations/:id/dismiss-suspicion — not spam: the chat leaves Suspected and teaches the classifier
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { dismissSpamSuspicion } from "@/lib/spam-detection/dismiss-spam-suspicion";
import { conversationChangeViewSchema } from "@/lib/conversations/view-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/dismiss-suspicion",
    tag: "Conversations",
    summary:
      "Dismiss the spam classifier's suspicion of a chat in the `suspected` list: it goes back to the list its " +
      "status says and is not held again, and its messages teach the tenant's classifier “not spam”. `changed` is " +
      "false when the chat was not suspected. To confirm a suspicion, mark the user as spam (POST " +
      "/api/v1/contacts/:id/spam).",
    actsAsAgent: true,
    responses: { 200: { description: "The conversation after the dismissal", schema: conversationChangeViewSchema } },
  },
  async ({ db, actor, params }) => json(await dismissSpamSuspicion({ db, actor, conversationId: params.id })),
);
