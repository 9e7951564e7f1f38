import { describe, expect, it } from "vitest";
import { eventBudget, OpenSocketCounts } from "./socket-limits";

describe("eventBudget", () => {
  it("allows a burst, then as many a second as it refills, never more than the burst", () => {
    let now = 0;
    const mayRun = eventBudget({ burst: 3, perSecond: 2 }, () => now);
    expect([mayRun(), mayRun(), mayRun(), mayRun()]).toEqual([true, true, true, false]);
    now += 500; // one token back
    expect([mayRun(), mayRun()]).toEqual([true, false]);
    now += 60_000; // a long pause refills to the burst, not beyond
    expect([mayRun(), mayRun(), mayRun(), mayRun()]).toEqual([true, true, true, false]);
  });
});

describe("OpenSocketCounts", () => {
  it("counts per key up to a limit and forgets a key with none open", () => {
    const open = new OpenSocketCounts();
    expect([open.tryOpen("a", 2), open.tryOpen("a", 2), open.tryOpen("a", 2)]).toEqual([true, true, false]);
    expect(open.tryOpen("b", 2)).toBe(true);
    open.close("a");
    expect(open.count("a")).toBe(1);
    expect(open.tryOpen("a", 2)).toBe(true);
    open.close("a");
    open.close("a");
    open.close("a"); // never below zero
    expect(open.count("a")).toBe(0);
    expect(open.tryOpen("a", 1)).toBe(true);
  });
});
