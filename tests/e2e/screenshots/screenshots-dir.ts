import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where `npm run screenshots` writes a screen set (SCREENSHOTS_DIR/<name>). */
export function screenshotsDir(name: string): string {
  const dir = path.resolve(process.env.SCREENSHOTS_DIR ?? "test-results/screenshots", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
