"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";

export async function unblockFromBlacklistAction(blockId: string) {
  return toActionResult(async () => {
    const block = await unblockLiveChatBlock({ db: await getDb(), actor: await requireAgent(), blockId: String(blockId) });
    revalidatePath("/live-chat-blacklist");
    return block;
  });
}
