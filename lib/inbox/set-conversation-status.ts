// Resolve or reopen a conversation. Resolved conversations leave All/You/Unassigned for Resolved.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors";
import { inboxBucket } from "./bucket";
import { applyConversationChange } from "./apply-conversation-change";

export const conversationStatusSchema = z.object({ status: z.enum(["open", "resolved"]) });

export async function setConversationStatus({
  db,
  actor,
  conversationId,
  input,
}: {
  db: Db;
  actor: Actor;
  conversationId: string;
  input: unknown;
}) {
  const { status } = parseInput(conversationStatusSchema, input, "status");
  return applyConversationChange(db, actor, conversationId, async (current) => {
    if (status === "resolved" ? current.status === "resolved" : current.status !== "resolved") return null;
    return {
      data: { status, bucket: inboxBucket(status, current.bucket === "spam") },
      event: { type: status === "resolved" ? "resolved" : "reopened" },
      audit: { action: status === "resolved" ? "conversation.resolved" : "conversation.reopened" },
    };
  });
}
