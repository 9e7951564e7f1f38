import { describe, expect, it } from "vitest";
import { BoundedMap } from "./bounded-map";

describe("BoundedMap", () => {
  it("forgets the oldest entry past its capacity, and never grows beyond it", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("c", 3);
    expect([...map]).toEqual([
      ["b", 2],
      ["c", 3],
    ]);
    map.set("c", 4); // an update keeps everything
    expect(map.size).toBe(2);
    expect(map.get("b")).toBe(2);
    for (let i = 0; i < 1_000; i++) map.set(`k${i}`, i);
    expect(map.size).toBe(2);
    expect([...map.keys()]).toEqual(["k998", "k999"]);
  });
});
