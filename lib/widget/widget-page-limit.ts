// The widget page's per-address limit (WIDGET_PAGE_LIMIT), taken by server.ts's request guard before Next renders
// /widget (lib/http/request-guard.ts): in the rate limiter's store, Redis with REDIS_URL.
import "server-only";
import { type GuardTurn, takeGuardTurn } from "@/lib/http/guard-limits";
import { WIDGET_PAGE_LIMIT } from "./widget-limits";

/** A load of the widget page from `address`: taken, or refused — answered after the refusal's pause (a tarpit). */
export const takeWidgetPageTurn = (address: string): Promise<GuardTurn> => takeGuardTurn(WIDGET_PAGE_LIMIT, address);
