// POST /api/widget/session — the widget starts or resumes a visitor session { tenant, user?, signature?, name? }: {
// token, state }; 429 when new visitors are over the tenant's flood limits
import { json, readJson } from "@/lib/http/api";
import { authSecret } from "@/lib/env";
import { startWidgetSession } from "@/lib/widget/visitor-chat";
import { readWidgetCookie, setWidgetCookie, withWidget } from "@/lib/widget/widget-http";
import { clientAddress } from "@/lib/http/client-address";

export const POST = withWidget(async ({ db, req }) => {
  const input = (await readJson(req)) as { tenant?: unknown };
  const previousToken = typeof input?.tenant === "string" ? readWidgetCookie(req, input.tenant) : null;
  const { token, session, state } = await startWidgetSession.fromUntrusted({
    db,
    input,
    previousToken,
    serverSecret: authSecret(),
    clientAddress: clientAddress(req.headers),
  });
  const response = json({ token, state });
  setWidgetCookie(response, req, session, token);
  return response;
});
