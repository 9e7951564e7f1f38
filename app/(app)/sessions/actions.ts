"use server";
// Banning a conversation's client from the browser (session detail, live session).

import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db";
import { requireAgent } from "@/lib/auth/session";
import { toActionResult } from "@/lib/http/action-result";
import { banConversationClient } from "@/lib/blacklist/manage-bans";

export async function banConversationClientAction(conversationId: string, input: unknown, source: "live_session" | "session_detail") {
  return toActionResult(async () => {
    const result = await banConversationClient({
      db: await getDb(),
      actor: await requireAgent(),
      conversationId: String(conversationId),
      input,
      source: source === "session_detail" ? "session_detail" : "live_session",
    });
    // From the inbox, the inbox reloads what changed itself (and its realtime events follow):
    // revalidating would render the whole inbox page again, with a new socket and lost drafts.
    if (source === "session_detail") {
      revalidatePath("/sessions");
      revalidatePath("/settings/blacklist");
    }
    return result;
  });
}
