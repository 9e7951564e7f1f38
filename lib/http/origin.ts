// Is a browser request coming from one of our own pages? Browsers send Origin on cross-origin requests,
// on every WebSocket handshake and on every POST, and a page cannot forge it, nor the Host and
// X-Forwarded-Host headers it is compared with. Requests without Origin come from non-browser clients
// (or are same-origin GETs), which carry no victim's cookies unless their owner gave them.
type HeaderBag = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(",")[0]?.trim().toLowerCase() || undefined;
}

/** The host (host[:port]) of an Origin header; null for "null" or a malformed value, undefined when absent. */
export function originHost(headers: HeaderBag): string | null | undefined {
  const origin = first(headers.origin);
  if (origin === undefined) return undefined;
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/**
 * The check Next applies to server actions, answered here first so a refusal is a 403 rather than
 * Next's 500: the Origin's host must equal X-Forwarded-Host, or Host when there is none.
 */
export function isSameOriginAction(headers: HeaderBag): boolean {
  const origin = originHost(headers);
  if (origin === undefined) return true;
  return origin !== null && origin === (first(headers["x-forwarded-host"]) ?? first(headers.host));
}

/**
 * For the agents' socket: the Origin's host must be the app's own — that of NEXTAUTH_URL when set,
 * or the Host (or X-Forwarded-Host) the request was sent to.
 */
export function isOwnOrigin(headers: HeaderBag, publicUrl?: string): boolean {
  const origin = originHost(headers);
  if (origin === undefined) return true;
  if (origin === null) return false;
  const own = [first(headers.host), first(headers["x-forwarded-host"])];
  if (publicUrl) own.push(new URL(publicUrl).host.toLowerCase());
  return own.includes(origin);
}
