// POST /api/v1/livechat/block — block the conversation's user from live chat { conversationId, BlockIntervalMinutes,
// BlockReason, SaveToChatActivityData }
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { parseInput } from "@/lib/errors";
import { blockRequestSchema } from "@/lib/live-chat/block-schemas";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { liveChatBlockViewSchema } from "@/lib/live-chat/block-view";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/livechat/block",
    tag: "Live chat",
    summary:
      "Block the conversation's user from the live-chat queue for BlockIntervalMinutes (1..525600, default 1440) " +
      "with a BlockReason (1..500 characters). Authenticated users go on the Live Chat Blacklist; with " +
      "SaveToChatActivityData (default false) their activity data gets LiveChatBlockedUntil, " +
      "LiveChatBlockedReason, LiveChatBlockedAt and LiveChatBlockedByAgentName (the agent's email; for a key " +
      "without X-Agent-Id its default agent's email, else the key's name). Anonymous visitors are blocked in this " +
      "conversation only: its context gets LiveChatBlockedUntil. Blocking someone already blocked never shortens " +
      "the block: it runs to the later end, superseding the old one.",
    body: blockRequestSchema,
    actsAsAgent: true,
    responses: { 200: { description: "The block in force", schema: liveChatBlockViewSchema } },
  },
  async ({ db, actor, req }) => {
    const { conversationId, ...input } = parseInput(blockRequestSchema, await readJson(req), "block");
    return json((await blockUserFromLiveChat.fromUntrusted({ db, actor, conversationId, input })).block);
  },
);
