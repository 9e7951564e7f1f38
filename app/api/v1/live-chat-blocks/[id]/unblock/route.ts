// POST /api/v1/live-chat-blocks/:id/unblock — lift a block before it expires (admins and API keys)
import { json } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";
import { liveChatBlockViewSchema } from "@/lib/live-chat/block-view";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/live-chat-blocks/:id/unblock",
    tag: "Live chat",
    summary:
      "Lift a block before it expires (admins and API keys; agents and supervisors 403). An anonymous visitor's " +
      "context value is cleared; a saved LiveChatBlockedUntil in activity data becomes the unblock time. 409 " +
      "block_not_active when it has expired or was lifted already.",
    actsAsAgent: true,
    responses: {
      200: { description: "The lifted block", schema: liveChatBlockViewSchema },
      409: { description: "block_not_active: expired or lifted already" },
    },
  },
  async ({ db, actor, params }) => json(await unblockLiveChatBlock({ db, actor, blockId: params.id })),
);
