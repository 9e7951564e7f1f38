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
  if (!response.ok) throw new FetchError(response.status, body?.error?.message ?? `Request failed (${response.status})`);
  return body as T;
}
