// POST /api/v1/livechat/connect — a flow asks to connect the user to an agent: { connected, state, position | blockedUntil }
import { json, readJson, withApiKey } from "@/lib/http/api";
import { connectToLiveChat } from "@/lib/live-chat/connect";

export const POST = withApiKey(async ({ db, actor, req }) => json(await connectToLiveChat({ db, actor, input: await readJson(req) })));
