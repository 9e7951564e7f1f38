// The widget page's per-address limit (WIDGET_PAGE_LIMIT), taken by server.ts's request guard before Next renders
// /widget (lib/http/request-guard.ts): in the rate limiter's store, Redis with REDIS_URL.
import "server-only";
import { addressLimitSubject } from "@/lib/http/client-address";
import { takeToken } from "@/lib/rate-limit/rate-limiter";
import { WIDGET_PAGE_LIMIT, WIDGET_PAGE_REFUSAL_PAUSE_MS } from "./widget-limits";

/** A load of the widget page from `address`: taken, or refused — answered after the refusal's pause (a tarpit). */
export async function takeWidgetPageTurn(address: string): Promise<{ taken: boolean; retryAfterSeconds: number }> {
  const turn = await takeToken(WIDGET_PAGE_LIMIT, addressLimitSubject(address));
  if (!turn.taken) await new Promise((resolve) => setTimeout(resolve, WIDGET_PAGE_REFUSAL_PAUSE_MS));
  return turn;
}
