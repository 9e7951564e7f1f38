// The widget's request limits, in a module of their own: the realtime server (outside Next) counts
// widget socket handshakes against the same per-address limit as the widget's HTTP endpoints.
import type { RateLimitRule } from "@/lib/rate-limit/rate-limiter";

/** The widget is public: generous limits for people, tight enough to stop a script flooding the inbox. */
export const WIDGET_LIMITS = {
  perAddress: { name: "widget:ip", limit: 600, windowSeconds: 60 },
  messagesPerVisitor: { name: "widget:messages", limit: 30, windowSeconds: 60 },
  connectsPerVisitor: { name: "widget:connect", limit: 20, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;
