// POST /api/v1/livechat/block — block the conversation's user from live chat { conversationId, BlockIntervalMinutes, BlockReason, SaveToChatActivityData }
import { json, readJson, withApiKey } from "@/lib/http/api";
import { parseInput } from "@/lib/errors";
import { blockRequestSchema } from "@/lib/live-chat/block-schemas";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";

export const POST = withApiKey(async ({ db, actor, req }) => {
  const { conversationId, ...input } = parseInput(blockRequestSchema, await readJson(req), "block");
  return json((await blockUserFromLiveChat({ db, actor, conversationId, input })).block);
});
