// The per-sender ingest limits (lib/admission/sender-flood.ts applies them; the OpenAPI document and
// the README state them). Token buckets: `burst` at once, then `perSecond`.
export interface TokenBucketLimit {
  name: string;
  burst: number;
  perSecond: number;
}

export const SENDER_LIMITS = {
  /** Normal lane: 20 messages at once, then 2 a second. */
  normal: { name: "ingest:sender", burst: 20, perSecond: 2 },
  /** Hard cap: 60 messages at once, then 5 a second; past it, 429. */
  hardCap: { name: "ingest:sender-cap", burst: 60, perSecond: 5 },
  /** Cheap-lane messages of one sender waiting on this instance beyond the one in flight; past it, 429. */
  queuedPerSender: 16,
  /** Normal-lane transactions of one sender in flight on one instance; more wait their turn (no connection held). */
  normalInFlightPerSender: 2,
  /** A refusal (429) is answered after this pause, so a sender's connections cannot make refusals cost the server. */
  refusalPauseMs: 1_000,
} as const satisfies {
  normal: TokenBucketLimit;
  hardCap: TokenBucketLimit;
  queuedPerSender: number;
  normalInFlightPerSender: number;
  refusalPauseMs: number;
};
