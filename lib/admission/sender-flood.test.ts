import { describe, expect, it } from "vitest";
import { inCheapLane } from "./sender-flood";

describe("a sender's queued cheap-lane messages", () => {
  it("start on a later event-loop turn than the previous one finished on, so other senders run between", async () => {
    const sender = { tenantId: "tenant-order", channel: "whatsapp" as const, identifier: "+447700900001" };
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = inCheapLane(sender, async () => {
      await new Promise<void>((resolve) => {
        finishFirst = resolve;
      });
      // Another sender's request, ready when this message is stored (its socket read, its timer due).
      setImmediate(() => order.push("another sender"));
      order.push("first");
    });
    const second = inCheapLane(sender, async () => {
      order.push("second");
    });
    await new Promise((resolve) => setImmediate(resolve));
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "another sender", "second"]);
  });
});
