import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { injectedStyleHashes, sonnerStylesheet } from "./injected-styles";
import { contentSecurityPolicy } from "./security-headers";

/** Runs sonner's browser build against a stand-in document and returns the text it inserts as <style>. */
function whatSonnerInserts(): string {
  const inserted: string[] = [];
  const style = { type: "", appendChild: (text: string) => inserted.push(text) };
  const document = {
    head: { appendChild: () => undefined },
    getElementsByTagName: () => [],
    createElement: () => style,
    createTextNode: (text: string) => text,
  };
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("sonner"), "utf8");
  const module = { exports: {} };
  // Only the module's top level runs (its components are not rendered); React and ReactDOM are stubs
  // that answer anything with themselves.
  const stub: object = new Proxy(function stubbed() {}, { get: () => stub, apply: () => stub });
  runInNewContext(source, { document, module, exports: module.exports, require: () => stub });
  return inserted.join("");
}

describe("stylesheets libraries insert under the CSP", () => {
  it("allows exactly the stylesheet sonner inserts, by hash", () => {
    const css = whatSonnerInserts();
    expect(css.length).toBeGreaterThan(1000);
    expect(sonnerStylesheet()).toBe(css);
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    // sonner appends the element empty, then sets its text: both states are checked by the browser.
    expect(injectedStyleHashes()).toEqual([hash(""), hash(css)]);
    const policy = contentSecurityPolicy({ nonce: "n", dev: false, https: false, frameAncestors: [] });
    expect(policy).toContain(`style-src 'self' 'nonce-n' ${hash("")} ${hash(css)};`);
  });
});
