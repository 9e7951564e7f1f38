// GET /api/v1/conversations/counts — the live count of every inbox list the actor has
import { json, withApiKey } from "@/lib/http/api";
import { countConversations } from "@/lib/inbox/list-conversations";

export const GET = withApiKey(async ({ db, actor }) => json(await countConversations({ db, actor })));
