"use server";
// Banning a conversation's client from the browser (session detail, live session).
import { revalidatePath } from "next/cache";
import { defineAction, idArgument, parsedByUseCase } from "@/lib/http/define-action";
import { banConversationClient } from "@/lib/blacklist/manage-bans";
import { banConversationClientSchema, CONVERSATION_BAN_SOURCES } from "@/lib/blacklist/ban-schemas";
import { z } from "zod";

export const banConversationClientAction = defineAction(
  [
    idArgument("conversation id"),
    parsedByUseCase(banConversationClientSchema),
    z.enum(CONVERSATION_BAN_SOURCES).describe("source"),
  ],
  async (ctx, conversationId, input, source) => {
    const result = await banConversationClient.fromUntrusted({ ...ctx, conversationId, source, input });
    // From the inbox, the inbox reloads what changed itself (and its realtime events follow):
    // revalidating would render the whole inbox page again, with a new socket and lost drafts.
    if (source === "session_detail") {
      revalidatePath("/sessions");
      revalidatePath("/settings/blacklist");
    }
    return result;
  },
);
