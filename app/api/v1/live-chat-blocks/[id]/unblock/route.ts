// POST /api/v1/live-chat-blocks/:id/unblock — lift a block before it expires (admins and API keys)
import { json, withApiKey } from "@/lib/http/api";
import { unblockLiveChatBlock } from "@/lib/live-chat/unblock";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await unblockLiveChatBlock({ db, actor, blockId: params.id })));
