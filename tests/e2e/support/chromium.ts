// Which Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
// Playwright's own download. With none of them, fail early saying how to get one.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function chromiumExecutable(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist.`);
    return configured;
  }
  const system = SYSTEM_CHROMIUM.find((file) => existsSync(file));
  if (system) return system;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright's own browser: its default.
  throw new Error(
    "No Chromium for the end-to-end tests. Install one of:\n" +
      "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n" +
      "  with internet: npx playwright install chromium\n" +
      "or point CHROMIUM_PATH at a Chromium/Chrome executable.",
  );
}

export function chromiumLaunchOptions() {
  const executablePath = chromiumExecutable();
  return {
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  };
}
