// The inbox's data layer under realtime events: what a browser shows stays what the server says, and an
// event on the open conversation costs no request.
import type { APIRequestContext, Page, Request } from "@playwright/test";
import { expect, test, demo, demoUser, postIncomingMessage, signIn } from "./support/fixtures";

type Counts = Record<string, number>;
interface Summary {
  id: string;
  contact: { id: string };
}

const asAgent = (agentId: string) => ({ authorization: `Bearer ${demo().apiKey}`, "x-agent-id": agentId });

/** The server's answer for one agent: their counts, and their list's rows (at least `atLeast` of them). */
async function serverView(
  request: APIRequestContext,
  agentId: string,
  list: string,
  atLeast: number,
): Promise<{ counts: Counts; ids: string[] }> {
  const counts = (await (
    await request.get("/api/v1/conversations/counts", { headers: asAgent(agentId) })
  ).json()) as Counts;
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/conversations?list=${list}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = (await (await request.get(url, { headers: asAgent(agentId) })).json()) as {
      items: Summary[];
      nextCursor: string | null;
    };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < atLeast);
  return { counts, ids };
}

/** What a browser shows: the rows of its list in order, and the count on each tab that has one. */
async function browserView(page: Page): Promise<{ counts: Counts; ids: string[] }> {
  const ids = await page
    .getByTestId("conversation-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-conversation-id") ?? ""));
  const counts = await page
    .locator('[data-testid^="list-count-"]')
    .evaluateAll((badges) =>
      Object.fromEntries(
        badges.map((badge) => [
          badge.getAttribute("data-testid")!.replace("list-count-", ""),
          Number(badge.textContent),
        ]),
      ),
    );
  return { counts, ids };
}

async function expectConsistent(page: Page, request: APIRequestContext, agentId: string, list: string) {
  await expect(async () => {
    const shown = await browserView(page);
    const server = await serverView(request, agentId, list, shown.ids.length);
    // Every count the browser shows is the server's; the rows are the server's, in its order, as far as loaded.
    for (const [name, value] of Object.entries(shown.counts))
      expect(value, `count of ${name}`).toBe(server.counts[name]);
    expect(Object.keys(shown.counts).length).toBeGreaterThanOrEqual(3);
    expect(shown.ids.length).toBeGreaterThan(0);
    expect(shown.ids).toEqual(server.ids.slice(0, shown.ids.length));
  }).toPass({ timeout: 30_000 });
}

/** Runs the calls `width` at a time: neighbours race, so their events may arrive in either order. */
async function inWaves(calls: Array<() => Promise<unknown>>, width: number) {
  for (let start = 0; start < calls.length; start += width)
    await Promise.all(calls.slice(start, start + width).map((call) => call()));
}

test("two browsers side by side stay consistent with the server under a burst of 200 mixed events", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = demoUser("admin");
  const supervisor = demoUser("supervisor");
  const adminPage = await browser.newPage();
  const supervisorPage = await browser.newPage();
  await signIn(adminPage, admin);
  await signIn(supervisorPage, supervisor);
  await supervisorPage.getByTestId("list-tab-unassigned").click();
  for (const page of [adminPage, supervisorPage]) {
    await expect(page.getByTestId("connection-state")).toHaveText("Live");
    await page.waitForLoadState("networkidle");
  }

  const run = Date.now().toString(36);
  const digits = String(Date.now()).slice(-4);
  const assignees = [admin.id, supervisor.id, demoUser("ann").id, null];
  // 60 new conversations, from 60 senders (each sends at most three messages: none is flooding).
  const senders = Array.from({ length: 60 }, (_, i) => ({
    from: `+1555${digits}${String(i).padStart(3, "0")}`,
    name: `Burst ${run} ${i}`,
  }));
  const created: Array<{ conversationId: string; contactId: string }> = [];
  await inWaves(
    senders.map((sender) => async () => {
      const answer = await postIncomingMessage(request, {
        channel: "whatsapp",
        from: sender.from,
        text: `Hello from ${sender.name}`,
        contact: { name: sender.name },
      });
      created.push({ conversationId: answer.conversationId, contactId: answer.contactId });
    }),
    8,
  );
  expect(created).toHaveLength(60);

  // 140 more, of every kind, shuffled, on the same conversations: several hit one conversation at once.
  const pick = (i: number) => created[(i * 7) % created.length]!;
  const post = async (url: string, data?: unknown, method: "post" | "delete" = "post") => {
    const response = await request[method](url, { headers: asAgent(admin.id), data });
    // A change the conversation's state no longer allows (a reply to a user just marked as spam) is refused;
    // never a 500.
    expect(response.status(), `${method} ${url}`).toBeLessThan(500);
  };
  const calls: Array<() => Promise<unknown>> = [];
  for (let i = 0; i < 140; i++) {
    const target = pick(i);
    const sender = senders[created.indexOf(target)]!;
    const kind = i % 7;
    if (kind === 0 || kind === 1)
      calls.push(() =>
        postIncomingMessage(request, {
          channel: "whatsapp",
          from: sender.from,
          text: `More from ${sender.name} (${i})`,
        }),
      );
    else if (kind === 2)
      calls.push(() =>
        post(`/api/v1/conversations/${target.conversationId}/assignee`, {
          assigneeId: assignees[i % assignees.length],
        }),
      );
    else if (kind === 3)
      calls.push(() =>
        post(`/api/v1/conversations/${target.conversationId}/status`, { status: i % 2 ? "resolved" : "open" }),
      );
    else if (kind === 4)
      calls.push(() => post(`/api/v1/conversations/${target.conversationId}/messages`, { body: `Reply ${i}` }));
    else if (kind === 5) calls.push(() => post(`/api/v1/contacts/${target.contactId}/spam`));
    else calls.push(() => post(`/api/v1/contacts/${target.contactId}/spam`, undefined, "delete"));
  }
  // Out of order: the same conversation's changes are interleaved across waves.
  calls.sort((a, b) => (calls.indexOf(a) % 5) - (calls.indexOf(b) % 5));
  await inWaves(calls, 8);

  await expectConsistent(adminPage, request, admin.id, "all");
  await expectConsistent(supervisorPage, request, supervisor.id, "unassigned");
  await adminPage.close();
  await supervisorPage.close();
});

/** The REST reads a page makes, and a wait until none is in flight. */
function watchReads(page: Page) {
  const reads: string[] = [];
  const inFlight = new Set<Request>();
  const isRead = (req: Request) => req.method() === "GET" && new URL(req.url()).pathname.startsWith("/api/v1/");
  page.on("request", (req) => {
    if (!isRead(req)) return;
    reads.push(new URL(req.url()).pathname);
    inFlight.add(req);
  });
  page.on("requestfinished", (req) => inFlight.delete(req));
  page.on("requestfailed", (req) => inFlight.delete(req));
  return {
    reads,
    settled: () => expect.poll(() => inFlight.size).toBe(0),
  };
}

test("opening a conversation costs its two reads, and a message arriving in it costs no request", async ({
  page,
  request,
}) => {
  const name = `Gina ${Date.now().toString(36)}`;
  const from = `gina-${Date.now()}@example.com`;
  await postIncomingMessage(request, { channel: "email", from, text: "First question", contact: { name } });
  const { reads, settled } = watchReads(page);
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  // The resync that follows connecting has answered.
  await expect.poll(() => reads.some((path) => path === "/api/v1/conversations/counts")).toBe(true);
  await settled();

  reads.length = 0;
  await page.getByTestId("conversation-row").filter({ hasText: name }).click();
  await expect(page.getByTestId("conversation-title")).toHaveText(name);
  await expect(page.getByTestId("message-in").filter({ hasText: "First question" })).toBeVisible();
  await expect(page.getByTestId("contact-name")).toHaveText(name);
  await settled();
  expect([...reads].sort()).toEqual([
    expect.stringMatching(/^\/api\/v1\/contacts\//),
    expect.stringMatching(/^\/api\/v1\/conversations\//),
  ]);

  reads.length = 0;
  await postIncomingMessage(request, { channel: "email", from, text: "Second question" });
  await expect(page.getByTestId("message-in").filter({ hasText: "Second question" })).toBeVisible();
  await expect(page.getByTestId("conversation-row").filter({ hasText: name })).toContainText("Second question");
  // A request the handler would have started is under way by now: one more round trip to be sure.
  await page.evaluate(() => fetch("/api/health").then((response) => response.status));
  await settled();
  expect(reads).toEqual([]);
});

test("others' changes to the open chat and its contact (a spam mark too) arrive with their data: no request", async ({
  page,
  request,
}) => {
  const name = `Hugo ${Date.now().toString(36)}`;
  const from = `hugo-${Date.now()}@example.com`;
  const first = await postIncomingMessage(request, {
    channel: "email",
    from,
    text: "Is anyone there?",
    contact: { name },
  });
  const { reads, settled } = watchReads(page);
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  await expect.poll(() => reads.some((path) => path === "/api/v1/conversations/counts")).toBe(true);
  await settled();
  await page.getByTestId("conversation-row").filter({ hasText: name }).click();
  await expect(page.getByTestId("contact-name")).toHaveText(name);
  await settled();

  reads.length = 0;
  const supervisor = demoUser("supervisor");
  const asSupervisor = { headers: asAgent(supervisor.id) };
  const conversationUrl = `/api/v1/conversations/${first.conversationId}`;
  await postIncomingMessage(request, { channel: "email", from, text: "Hello again" });
  await expect(page.getByTestId("message-in").filter({ hasText: "Hello again" })).toBeVisible();
  expect(
    (
      await request.post(`${conversationUrl}/assignee`, { ...asSupervisor, data: { assigneeId: supervisor.id } })
    ).status(),
  ).toBe(200);
  await expect(
    page.getByTestId("timeline-event").filter({ hasText: /took the conversation|Assigned to/ }),
  ).toBeVisible();
  expect(
    (await request.post(`${conversationUrl}/status`, { ...asSupervisor, data: { status: "resolved" } })).status(),
  ).toBe(200);
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Resolved/i })).toBeVisible();
  await expect(page.getByTestId("conversation-status")).toContainText(/resolved/i);
  const renamed = `${name} Renamed`;
  expect(
    (await request.patch(`/api/v1/contacts/${first.contactId}`, { ...asSupervisor, data: { name: renamed } })).status(),
  ).toBe(200);
  await expect(page.getByTestId("contact-name")).toHaveText(renamed);
  await expect(page.getByTestId("conversation-title")).toHaveText(renamed);
  // A live-chat block of the visitor and its lifting: the chat's line and context (the header's badge) and
  // the card's block state come with the events.
  const blocked = await request.post("/api/v1/livechat/block", {
    ...asSupervisor,
    data: { conversationId: first.conversationId, BlockReason: "Rude to the team" },
  });
  expect(blocked.status()).toBe(200);
  const { id: blockId } = (await blocked.json()) as { id: string };
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Blocked from live chat until/ })).toBeVisible();
  await expect(page.getByTestId("live-chat-blocked-badge")).toContainText("Live chat blocked until");
  await expect(page.getByTestId("contact-live-chat-status")).toContainText("Rude to the team");
  expect(
    (
      await request.post(`/api/v1/live-chat-blocks/${blockId}/unblock`, {
        headers: { authorization: `Bearer ${demo().apiKey}` },
      })
    ).status(),
  ).toBe(200);
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Unblocked from live chat/ })).toBeVisible();
  await expect(page.getByTestId("live-chat-blocked-badge")).toHaveCount(0);
  await expect(page.getByTestId("contact-live-chat-status")).toHaveCount(0);
  // The sender is banned, then writes into the (resolved) chat again: the message is stored and shown in
  // the open chat with the "Reopened" line, though it reaches no list.
  const ban = await request.post("/api/v1/bans", {
    headers: { authorization: `Bearer ${demo().apiKey}` },
    data: { channel: "email", identifier: from, reason: "Abuse by e-mail" },
  });
  expect(ban.status()).toBe(201);
  const held = await postIncomingMessage(request, {
    channel: "email",
    from,
    text: "Let me back in",
    conversationId: first.conversationId,
  });
  expect(held.admitted).toBe(false);
  await expect(page.getByTestId("message-in").filter({ hasText: "Let me back in" })).toBeVisible();
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Reopened/ })).toBeVisible();
  // A spam mark: the timeline line and the user card's mark come with the event.
  expect((await request.post(`/api/v1/contacts/${first.contactId}/spam`, asSupervisor)).status()).toBe(200);
  await expect(page.getByTestId("timeline-event").filter({ hasText: /Marked as spam/ })).toBeVisible();
  await expect(page.getByTestId("contact-spam-status")).toContainText(/Marked as spam by \S/);
  await page.evaluate(() => fetch("/api/health").then((response) => response.status));
  await settled();
  expect(reads).toEqual([]);
});

test("a flood of new chats is three desktop notifications and one summary replaced in place, not one each", async ({
  page,
  request,
}) => {
  // The inbox in a background tab with notifications allowed; the browser's Notification records what it is asked
  // to show (headless Chromium shows none).
  await page.addInitScript(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    const shown: Array<{ title: string; body?: string; tag?: string }> = [];
    class RecordingNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string; tag?: string }) {
        shown.push({ title, body: options?.body, tag: options?.tag });
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordingNotification, shownNotifications: shown });
  });
  await signIn(page, demoUser("admin"));
  await expect(page.getByTestId("connection-state")).toHaveText("Live");
  type Shown = Array<{ title: string; body?: string; tag?: string }>;
  const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: Shown }).shownNotifications);
  const before = (await shown()).length;

  const run = Date.now().toString(36);
  const chats = [];
  for (let i = 0; i < 8; i++) {
    const from = `flood-${run}-${i}@example.com`;
    chats.push(await postIncomingMessage(request, { channel: "email", from, text: `Free prize ${run} #${i}` }));
  }
  await expect.poll(async () => (await shown()).length - before).toBe(8);
  const flood = (await shown()).slice(before);
  // The first three chats each get their own, tagged with the conversation (so a chat's next message replaces it).
  expect(flood.slice(0, 3).map((n) => n.tag)).toEqual(chats.slice(0, 3).map((c) => c.conversationId));
  expect(flood[0]!.body).toContain(`Free prize ${run} #0`);
  // The other five are one summary, shown again (same tag: replaced, not added) as it grows.
  expect(flood.slice(3).map((n) => [n.tag, n.title])).toEqual(
    [1, 2, 3, 4, 5].map((count) => ["bouncer-burst", `${count} more new message${count === 1 ? "" : "s"}`]),
  );
  expect(flood.at(-1)!.body).toBe("in 5 conversations — open Bouncer to see them");
});
