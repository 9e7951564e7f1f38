import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { refusalPageHtml, wantsDocument } from "./refusal-page";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const HTML_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("wantsDocument", () => {
  it("is a browser's load of a page into a window or a frame", () => {
    expect(wantsDocument(request({ accept: HTML_ACCEPT, "sec-fetch-dest": "document" }))).toBe(true);
    expect(wantsDocument(request({ accept: HTML_ACCEPT, "sec-fetch-dest": "iframe" }))).toBe(true);
    // An older browser without Fetch Metadata: its Accept says so.
    expect(wantsDocument(request({ accept: HTML_ACCEPT }))).toBe(true);
  });

  it("is not Next's RSC navigation or prefetch, a server action, a fetch or a script", () => {
    expect(wantsDocument(request({ accept: HTML_ACCEPT, rsc: "1", "sec-fetch-dest": "empty" }))).toBe(false);
    expect(wantsDocument(request({ accept: HTML_ACCEPT, rsc: "1" }))).toBe(false);
    expect(wantsDocument(request({ accept: "text/x-component", "next-action": "7f00" }))).toBe(false);
    expect(wantsDocument(request({ accept: "*/*", "sec-fetch-dest": "empty" }))).toBe(false);
    expect(wantsDocument(request({ accept: "application/json" }))).toBe(false);
    expect(wantsDocument(request({}))).toBe(false);
  });
});

describe("refusalPageHtml", () => {
  it("says why, reloads after the wait, carries the nonce and runs no script", () => {
    const html = refusalPageHtml({
      title: "Slow down",
      message: "Too many pages.",
      retryAfterSeconds: 3,
      nonce: "abc",
    });
    expect(html).toContain('<meta http-equiv="refresh" content="3">');
    expect(html).toContain("in 3 seconds");
    expect(html).toContain('<style nonce="abc">');
    expect(html).toContain("Too many pages.");
    expect(html).not.toContain("<script");
    expect(refusalPageHtml({ title: "t", message: "m", retryAfterSeconds: 0.2, nonce: "n" })).toContain("a second");
  });

  it("escapes what it is given", () => {
    const html = refusalPageHtml({ title: "<b>", message: `"x" & <y>`, retryAfterSeconds: 1, nonce: '"><script>' });
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<y>");
    expect(html).not.toContain('"><script>');
    expect(html).toContain("&#34;x&#34; &#38; &#60;y&#62;");
  });
});
