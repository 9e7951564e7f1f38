import { describe, expect, it } from "vitest";
import { formatSpamScore, spamReasonsOf } from "./spam-reasons";

describe("stored spam reasons", () => {
  it("reads reasons stored as JSON or as a string, and nothing from anything else", () => {
    const reasons = [{ kind: "word", text: "prize", weight: 1.2 }];
    expect(spamReasonsOf(reasons)).toEqual(reasons);
    expect(spamReasonsOf(JSON.stringify(reasons))).toEqual(reasons);
    expect(spamReasonsOf(null)).toEqual([]);
    expect(spamReasonsOf("not json")).toEqual([]);
    expect(spamReasonsOf([{ kind: "other", text: "x", weight: 1 }])).toEqual([]);
  });

  it("shows a score as a whole per cent", () => {
    expect(formatSpamScore(0.974)).toBe("97%");
    expect(formatSpamScore(1)).toBe("100%");
  });
});
