/**
 * What the API's shell and its handlers read of a request. Next's NextRequest has all of it; the paths
 * server.ts serves itself (lib/http/node-route.ts) pass a plain object with it, built from the node
 * request without the Fetch API's Request (its construction was ~5 % of an ingest's CPU).
 */
export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly nextUrl: Pick<URL, "pathname" | "searchParams" | "protocol">;
  /** The body's stream; null when there is none, or when it was read already (withBodyRead). */
  readonly body: ReadableStream<Uint8Array> | null;
}
