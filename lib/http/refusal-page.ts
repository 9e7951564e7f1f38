// The request guard's 429 as a person sees it. A browser that loads a page past its limit (an agent's hundredth
// tab, a visitor reloading the chat, or Next's client router falling back to a full load after a refused RSC
// navigation) gets a small page that says why and loads itself again after Retry-After — not the API's JSON error.
// Scripts, which ask for JSON or for anything, keep the JSON error (the contract of every other refusal).
// No script: a <meta> refresh retries, so the page works under any CSP and inside a host site's frame (the widget).
import type { IncomingMessage } from "node:http";

/** Whether the request is a browser's load of a whole document (not an RSC fetch, an API call or a script's GET). */
export function wantsDocument(req: IncomingMessage): boolean {
  if (req.headers.rsc !== undefined || req.headers["next-action"] !== undefined) return false;
  const dest = req.headers["sec-fetch-dest"];
  if (dest !== undefined) return dest === "document" || dest === "iframe";
  return /(?:^|,)\s*text\/html\b/i.test(req.headers.accept ?? "");
}

export interface RefusalPage {
  title: string;
  message: string;
  retryAfterSeconds: number;
  /** The response's CSP nonce: the page's one <style> carries it. */
  nonce: string;
}

/** The HTML of a refusal that reloads itself after `retryAfterSeconds`. */
export function refusalPageHtml({ title, message, retryAfterSeconds, nonce }: RefusalPage): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const wait = seconds === 1 ? "a second" : `${seconds} seconds`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="${seconds}">
<title>${escapeHtml(title)} · Bouncer</title>
<style nonce="${escapeHtml(nonce)}">
  :root { color-scheme: light; font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100dvh; display: flex; align-items: center; justify-content: center;
    background: #f8fafc; color: #0f172a; }
  main { max-width: 28rem; padding: 2.5rem 1.5rem; text-align: center; }
  .badge { display: inline-flex; width: 3.25rem; height: 3.25rem; border-radius: 9999px; align-items: center;
    justify-content: center; background: #f1f5f9; color: #64748b; }
  h1 { margin: 1rem 0 0.25rem; font-size: 1.125rem; font-weight: 600; }
  p { margin: 0.25rem 0; font-size: 0.875rem; line-height: 1.4; color: #475569; }
  a { display: inline-block; margin-top: 1.5rem; border-radius: 0.375rem; padding: 0.5rem 0.75rem;
    background: oklch(0.51 0.21 275); color: #fff; font-size: 0.875rem; font-weight: 500; text-decoration: none; }
  a:hover { background: oklch(0.45 0.2 275); }
  a:focus-visible { outline: 2px solid oklch(0.58 0.2 275); outline-offset: 2px; }
</style>
</head>
<body>
<main>
<span class="badge" aria-hidden="true"><svg width="28" height="28" viewBox="0 0 24 24" fill="none" stroke="currentColor"
 stroke-width="1.75" stroke-linecap="round"><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/></svg></span>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p role="status">This page loads again by itself in ${wait}.</p>
<a href="">Try again now</a>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
