"use server";

import { revalidatePath } from "next/cache";
import { defineAction, idArgument } from "@/lib/http/define-action";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";

export const unblockFromBlacklistAction = defineAction([idArgument("block id")], async (ctx, blockId) => {
  const block = await unblockLiveChatBlock({ ...ctx, blockId });
  revalidatePath("/live-chat-blacklist");
  return block;
});
