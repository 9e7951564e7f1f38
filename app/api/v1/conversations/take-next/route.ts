// POST /api/v1/conversations/take-next — the acting agent takes the chat waiting longest in the live-chat queue
import { json, withApiKey } from "@/lib/http/api";
import { takeNextConversation } from "@/lib/inbox/take-next-conversation";

export const POST = withApiKey(async ({ db, actor }) => json(await takeNextConversation({ db, actor })));
