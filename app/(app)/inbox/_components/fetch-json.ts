// GET requests from the browser to the REST API (authenticated by the session cookie).
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  // The session ended (signed out everywhere, a password change): the sign-in page, as the socket does.
  if (response.status === 401)
    window.location.assign(
      `/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`,
    );
  if (!response.ok)
    throw new FetchError(response.status, body?.error?.message ?? `Request failed (${response.status})`);
  return body as T;
}
