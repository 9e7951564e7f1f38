// The `test` every journey imports: Playwright's, plus a check that no page the test opened — its own
// page or any it made with browser.newPage / browser.newContext — reported a Content-Security-Policy
// violation or an uncaught error. A journey that "passes" while the CSP blocked a script, or while the
// page threw, fails here.
// One known exception, reported but not failed: React's hydration text mismatches (minified error
// #418), which the inbox's relative times ("5m", locale dates) cause when the server's clock or locale
// differs from the browser's. They are a rendering defect of their own, not a security one; each shows
// as a "hydration-mismatch" annotation on the test.
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";

export interface PageProblems {
  /** What went wrong so far: "CSP: …" and "page error: …" lines, with the page's URL. */
  readonly list: string[];
  /** Lets a test expect some problems (a frame refused by frame-ancestors is one): they are not reported. */
  allow(pattern: RegExp): void;
}

const HYDRATION_MISMATCH = /Minified React error #418\b/;

export const test = base.extend<{ pageProblems: PageProblems }>({
  pageProblems: [
    async ({ browser, context }, use, testInfo) => {
      const list: string[] = [];
      const allowed: RegExp[] = [];
      const watched = new WeakSet<Page>();
      const watchPage = (page: Page) => {
        if (watched.has(page)) return;
        watched.add(page);
        page.on("console", (message) => {
          if (/Content Security Policy/i.test(message.text())) list.push(`CSP on ${page.url()}: ${message.text()}`);
        });
        page.on("pageerror", (error) => {
          if (HYDRATION_MISMATCH.test(error.message)) testInfo.annotations.push({ type: "hydration-mismatch", description: page.url() });
          else list.push(`page error on ${page.url()}: ${error.message}`);
        });
      };
      const watchContext = (watchedContext: BrowserContext) => {
        watchedContext.pages().forEach(watchPage);
        watchedContext.on("page", watchPage);
      };
      watchContext(context);
      // Journeys with several people open their own pages and contexts: watch those too.
      const newContext = browser.newContext.bind(browser);
      const newPage = browser.newPage.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        watchContext(created);
        return created;
      };
      browser.newPage = async (...args) => {
        const created = await newPage(...args);
        watchPage(created);
        return created;
      };
      try {
        await use({ list, allow: (pattern) => allowed.push(pattern) });
      } finally {
        browser.newContext = newContext;
        browser.newPage = newPage;
      }
      expect(
        list.filter((line) => !allowed.some((pattern) => pattern.test(line))),
        "no CSP violations or uncaught errors in any page",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from "@playwright/test";
