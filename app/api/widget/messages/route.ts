// GET /api/widget/messages — the visitor's conversation state and messages
// POST /api/widget/messages — the visitor sends a message { text }
import { json, readJson } from "@/lib/http/api";
import { getWidgetState, sendWidgetMessage } from "@/lib/widget/visitor-chat";
import { limitVisitor, WIDGET_LIMITS, widgetSessionOf, withWidget } from "@/lib/widget/widget-http";

export const GET = withWidget(async ({ db, req }) => json(await getWidgetState({ db, session: widgetSessionOf(req) })));

export const POST = withWidget(async ({ db, req }) => {
  const session = widgetSessionOf(req);
  await limitVisitor(WIDGET_LIMITS.messagesPerVisitor, session);
  return json(await sendWidgetMessage.fromUntrusted({ db, session, input: await readJson(req) }), 201);
});
