// POST /api/widget/connect — "Talk to an agent": { connected, state, position | blockedUntil } (never the block's
// reason); 429 when queue entries are over the tenant's flood limits
import { json } from "@/lib/http/api";
import { connectWidgetVisitor } from "@/lib/widget/visitor-chat";
import { limitVisitor, widgetSessionOf, withWidget } from "@/lib/widget/widget-http";
import { WIDGET_LIMITS } from "@/lib/widget/widget-limits";
import { clientAddress } from "@/lib/http/client-address";

export const POST = withWidget(async ({ db, req }) => {
  const session = widgetSessionOf(req);
  await limitVisitor(WIDGET_LIMITS.connectsPerVisitor, session);
  return json(await connectWidgetVisitor({ db, session, clientAddress: clientAddress(req.headers) }));
});
