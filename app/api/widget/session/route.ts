// POST /api/widget/session — the widget starts or resumes a visitor session { tenant, user?, signature?, name? }: { token, state }
import { json, readJson } from "@/lib/http/api";
import { authSecret } from "@/lib/env";
import { startWidgetSession } from "@/lib/widget/visitor-chat";
import { readWidgetCookie, setWidgetCookie, withWidget } from "@/lib/widget/widget-http";

export const POST = withWidget(async ({ db, req }) => {
  const input = (await readJson(req)) as { tenant?: unknown };
  const previousToken = typeof input?.tenant === "string" ? readWidgetCookie(req, input.tenant) : null;
  const { token, session, state } = await startWidgetSession({ db, input, previousToken, serverSecret: authSecret() });
  const response = json({ token, state });
  setWidgetCookie(response, req, session, token);
  return response;
});
