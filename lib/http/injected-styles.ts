// Stylesheets that client libraries insert at run time as inline <style> elements, without a nonce:
// sonner (the app's toasts) inserts its stylesheet when it loads. The Content-Security-Policy allows
// exactly those texts by hash. The hash is computed from the installed package, so an upgrade that
// changes the text changes the hash with it (injected-styles.test.ts checks it against what sonner inserts).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const INSERT_CSS_CALL = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/;

let hashes: string[] | undefined;

/**
 * CSP hash sources ('sha256-…') for every stylesheet a library inserts inline. sonner appends its
 * <style> element empty and fills it afterwards, and the browser checks both: so the empty text is
 * allowed too (it styles nothing; any other text is checked again when it is set).
 */
export function injectedStyleHashes(): string[] {
  // Once per process: every response's CSP carries these, so reading sonner's build per request cost
  // every request a file read and a regex over ~30 kB (the flood figure's profile showed it, issue 16).
  hashes ??= hashesOf(sonnerStylesheet());
  return hashes;
}

function hashesOf(sonner: string | null): string[] {
  return sonner === null ? [] : ["", sonner].map(styleHash);
}

function styleHash(css: string): string {
  return `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
}

/** The text sonner's browser build passes to its __insertCSS helper. */
export function sonnerStylesheet(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("sonner"), "utf8");
    const literal = INSERT_CSS_CALL.exec(source)?.[1];
    if (!literal) throw new Error("no __insertCSS call in sonner's build");
    return JSON.parse(literal) as string;
  } catch (error) {
    console.warn(
      `[csp] sonner's stylesheet not found (${(error as Error).message}): toasts will be unstyled under the CSP.`,
    );
    return null;
  }
}
