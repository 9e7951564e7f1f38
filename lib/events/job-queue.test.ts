import { afterEach, describe, expect, it, vi } from "vitest";
import { InProcessJobQueue, type ListenerJob } from "./job-queue";
import { decodeEvent, domainEvent, toEventJson } from "./event-map";

const job = (listener: string): ListenerJob => ({
  listener,
  event: domainEvent("contact.created", { tenantId: "t1", contactId: "c1" }),
});

describe("the in-process job queue", () => {
  afterEach(() => vi.restoreAllMocks());

  it("retries a failing job until it succeeds, and counts the retries", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let attempts = 0;
    const queue = new InProcessJobQueue(async () => {
      attempts++;
      if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
    });
    await queue.add([job("flaky")]);
    await queue.idle();
    expect(attempts).toBe(3);
    expect(await queue.stats()).toMatchObject({
      queue: "in-process",
      pending: 0,
      retried: 2,
      failed: 0,
      lastFailure: null,
    });
  });

  it("gives up after four attempts, logs it and shows the failure in its counts", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let attempts = 0;
    const queue = new InProcessJobQueue(async () => {
      attempts++;
      throw new Error("always");
    });
    await queue.add([job("broken")]);
    await queue.idle();
    expect(attempts).toBe(4);
    const stats = await queue.stats();
    expect(stats).toMatchObject({ pending: 0, retried: 3, failed: 1 });
    expect(stats.lastFailure).toMatchObject({ job: "broken", error: "always" });
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining("job broken failed after 4 attempts"),
      expect.any(Error),
    );
  }, 10_000);

  it("is idle only when jobs queued by running jobs have finished too", async () => {
    const order: string[] = [];
    const queue: InProcessJobQueue = new InProcessJobQueue(async ({ listener }) => {
      order.push(listener);
      if (listener === "outer") await queue.add([job("inner")]);
    });
    await queue.add([job("outer")]);
    await queue.idle();
    expect(order).toEqual(["outer", "inner"]);
    expect((await queue.stats()).pending).toBe(0);
  });
});

describe("events as jobs carry them", () => {
  it("come back equal, times as Dates, through JSON", () => {
    const event = domainEvent("contact.updated", { tenantId: "t1", contactId: "c1", matchedCampaignsBefore: ["k1"] });
    const withTime = { ...event, at: new Date("2026-12-04T23:00:00.123Z"), nested: [{ when: new Date(0) }] };
    const stored = JSON.parse(toEventJson({ event: withTime })).event;
    expect(stored.at).toEqual({ $date: "2026-12-04T23:00:00.123Z" });
    const decoded = decodeEvent(stored) as unknown as typeof withTime;
    expect(decoded).toEqual(withTime);
    expect(decoded.at).toBeInstanceOf(Date);
    expect(decoded.nested[0]!.when.getTime()).toBe(0);
  });

  it("leave an object that merely has a $date key among others as it is", () => {
    const event = { ...domainEvent("contact.created", { tenantId: "t1", contactId: "c1" }), x: { $date: "a", b: 1 } };
    expect(decodeEvent(JSON.parse(toEventJson(event)))).toEqual(event);
  });
});
