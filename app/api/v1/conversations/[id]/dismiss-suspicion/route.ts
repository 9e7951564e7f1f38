// POST /api/v1/conversations/:id/dismiss-suspicion — not spam: the chat leaves Suspected and teaches the classifier
import { json, withApiKey } from "@/lib/http/api";
import { dismissSpamSuspicion } from "@/lib/spam-detection/dismiss-spam-suspicion";

export const POST = withApiKey<{ id: string }>(async ({ db, actor, params }) => json(await dismissSpamSuspicion({ db, actor, conversationId: params.id })));
