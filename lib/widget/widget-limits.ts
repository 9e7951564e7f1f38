// The widget's request limits, in a module of their own: the realtime server (outside Next) counts
// widget socket handshakes against the same per-address limit as the widget's HTTP endpoints.
import type { RateLimitRule, TokenBucketRule } from "@/lib/rate-limit/rate-limiter";

/** The widget is public: generous limits for people, tight enough to stop a script flooding the inbox. */
export const WIDGET_LIMITS = {
  perAddress: { name: "widget:ip", limit: 600, windowSeconds: 60 },
  messagesPerVisitor: { name: "widget:messages", limit: 30, windowSeconds: 60 },
  connectsPerVisitor: { name: "widget:connect", limit: 20, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * Loads of the widget page (/widget, a full server render) per client address: a bucket of its own, not the shared
 * perAddress above. A render costs tens of times a widget call, so 600 a minute of them from one address would still
 * slow every agent; and sharing would let a page-reload loop use up the calls (messages, socket handshakes) of the
 * real visitors behind the same address — an office, a carrier's NAT — as theirs would not. A visitor loads it once
 * per page of the host's site: 60 at once, then 2 a second, is more than a busy office sends.
 */
export const WIDGET_PAGE_LIMIT = { name: "widget:page", burst: 60, perSecond: 2 } satisfies TokenBucketRule;
