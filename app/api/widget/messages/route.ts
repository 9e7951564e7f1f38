// GET /api/widget/messages — the visitor's conversation state and messages
// POST /api/widget/messages — the visitor sends a message { text }
import { json, readJson, type ApiRequest } from "@/lib/http/api";
import { getWidgetState, sendWidgetMessage } from "@/lib/widget/visitor-chat";
import { limitVisitor, widgetSessionOf, withWidget } from "@/lib/widget/widget-http";
import { WIDGET_LIMITS } from "@/lib/widget/widget-limits";

export const GET = withWidget(async ({ db, req }) => json(await getWidgetState({ db, session: widgetSessionOf(req) })));

// Served by server.ts itself (app/api/node-served-routes.ts): it reads no more of the request than ApiRequest.
export const POST = withWidget<ApiRequest>(async ({ db, req }) => {
  const session = widgetSessionOf(req);
  await limitVisitor(WIDGET_LIMITS.messagesPerVisitor, session);
  return json(await sendWidgetMessage.fromUntrusted({ db, session, input: await readJson(req) }), 201);
});
