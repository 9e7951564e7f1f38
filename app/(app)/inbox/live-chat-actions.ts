"use server";
// The inbox's live-chat changes from the browser: thin shells over lib/live-chat.

import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { endChat } from "@/lib/live-chat/end-chat";
import { blockUserFromLiveChat } from "@/lib/live-chat/block-user";
import { unblockLiveChatBlock, unblockLiveChatUser } from "@/lib/live-chat/unblock";
import { getBlockDefaults } from "@/lib/live-chat/settings";

export async function endChatAction(conversationId: string, input: unknown) {
  return toActionResult(async () => endChat({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input }));
}

export async function blockFromLiveChatAction(conversationId: string, input: unknown) {
  return toActionResult(async () => (await blockUserFromLiveChat({ db: await getDb(), actor: await requireAgent(), conversationId: String(conversationId), input })).block);
}

export async function unblockLiveChatUserAction(contactId: string) {
  return toActionResult(async () => unblockLiveChatUser({ db: await getDb(), actor: await requireAgent(), contactId: String(contactId) }));
}

export async function unblockLiveChatBlockAction(blockId: string) {
  return toActionResult(async () => unblockLiveChatBlock({ db: await getDb(), actor: await requireAgent(), blockId: String(blockId) }));
}

export async function liveChatBlockDefaultsAction() {
  return toActionResult(async () => getBlockDefaults({ db: await getDb(), actor: await requireAgent() }));
}
