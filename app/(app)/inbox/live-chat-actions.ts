"use server";
// The inbox's live-chat changes from the browser: thin shells over lib/live-chat.

import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { endChat, endChatSchema } from "@/lib/live-chat/end-chat";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { blockInputSchema } from "@/lib/live-chat/block-schemas";
import { unblockLiveChatBlock, unblockLiveChatUser } from "@/lib/live-chat/unblock";
import { getBlockDefaults } from "@/lib/live-chat/settings";

const conversationId = idArgument("conversation id");

export const endChatAction = defineAction(
  [conversationId, parsedByUseCase(endChatSchema)],
  async (ctx, conversationId, input) => endChat.fromUntrusted({ ...ctx, conversationId, input }),
);

export const blockFromLiveChatAction = defineAction(
  [conversationId, parsedByUseCase(blockInputSchema)],
  async (ctx, conversationId, input) =>
    (await blockUserFromLiveChat.fromUntrusted({ ...ctx, conversationId, input })).block,
);

export const unblockLiveChatUserAction = defineAction([idArgument("contact id")], async (ctx, contactId) =>
  unblockLiveChatUser({ ...ctx, contactId }),
);

export const unblockLiveChatBlockAction = defineAction([idArgument("block id")], async (ctx, blockId) =>
  unblockLiveChatBlock({ ...ctx, blockId }),
);

export const liveChatBlockDefaultsAction = defineAction([], async (ctx) => getBlockDefaults(ctx));
