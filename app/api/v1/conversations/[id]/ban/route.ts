// POST /api/v1/conversations/:id/ban — ban the conversation's client on its channel ({ reason, expiresAt?, source? })
import { json, readJson } from "@/lib/http/api";
import { defineRoute } from "@/lib/http/define-route";
import { banConversationClient } from "@/lib/blacklist/manage-bans";
import { banConversationClientSchema } from "@/lib/blacklist/ban-schemas";
import { createdBanViewSchema } from "@/lib/blacklist/ban-view";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conversations/:id/ban",
    tag: "Blacklist",
    summary:
      "Ban the conversation's client on its channel (operators: only while the tenant lets operators ban, else " +
      "403 before anything else is checked). `source` records where the ban was made: live_session (default) or " +
      "session_detail.",
    body: banConversationClientSchema,
    actsAsAgent: true,
    responses: {
      201: { description: "The ban", schema: createdBanViewSchema },
      409: { description: "ban_exists: details.banId is the active ban" },
    },
  },
  async ({ db, actor, params, req }) => {
    const { ban, closedConversations } = await banConversationClient.fromUntrusted({
      db,
      actor,
      conversationId: params.id,
      input: await readJson(req),
    });
    return json({ ...ban, closedConversations }, 201);
  },
);
