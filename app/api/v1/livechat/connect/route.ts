// POST /api/v1/livechat/connect — a flow asks to connect the user to an agent: { connected, state, position |
// blockedUntil }
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { connectToLiveChat } from "@/lib/live-chat/connect";
import { connectAnswerSchema, connectRequestSchema } from "@/lib/live-chat/block-schemas";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/livechat/connect",
    tag: "Live chat",
    summary:
      "Connect the conversation's user to a helpdesk agent. The admission gate checks, in order, a ban on the " +
      "channel, a live-chat block (authenticated users: the Live Chat Blacklist; anonymous: the context's " +
      "LiveChatBlockedUntil) and the tenant's working hours. Admitted: the conversation waits in the queue " +
      "(status waiting, Unassigned) and `position` is its place; asking again keeps it. Refused: nothing is " +
      "queued, and the attempt is recorded (timeline, audit, hit count on the block). Messages are stored either " +
      "way.",
    body: connectRequestSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The decision", schema: connectAnswerSchema } },
  },
  async ({ db, actor, req }) => json(await connectToLiveChat.fromUntrusted({ db, actor, input: await readJson(req) })),
);
