// GET /api/v1/live-chat-blocks?status=active|expired|lifted|all&q=&kind=&cursor= — the Live Chat Blacklist, newest first
import { json, withApiKey } from "@/lib/http/api";
import { listLiveChatBlocks } from "@/lib/live-chat/list-blocks";

export const GET = withApiKey(async ({ db, actor, req }) => json(await listLiveChatBlocks({ db, actor, query: Object.fromEntries(req.nextUrl.searchParams) })));
