import { describe, expect, it } from "vitest";
import { mergeSpamManagerChanges, NO_SPAM_MANAGER_CHANGE, postedStrings, relevantChange } from "./spam-manager-change";

describe("Spam Manager changes", () => {
  it("a message counts once, and once in each kind it named", () => {
    expect(postedStrings([{ kind: "domain" }, { kind: "url" }, { kind: "domain" }])).toEqual({
      posts: 1,
      postsByKind: { domain: 1, url: 1 },
    });
    expect(postedStrings([])).toEqual({});
  });

  it("merges by summing counts and keeping flags", () => {
    const merged = mergeSpamManagerChanges(
      mergeSpamManagerChanges(NO_SPAM_MANAGER_CHANGE, postedStrings([{ kind: "domain" }])),
      { ...postedStrings([{ kind: "domain" }, { kind: "phone" }]), runs: 2, lists: true },
    );
    expect(merged).toEqual({ posts: 2, postsByKind: { domain: 2, phone: 1 }, runs: 2, lists: true, users: false });
  });

  it("each tab hears only what it shows", () => {
    const phonePost = postedStrings([{ kind: "phone" }]);
    expect(relevantChange("domain", phonePost)).toBeNull();
    expect(relevantChange("phone", phonePost)).toBe(1);
    expect(relevantChange("users", phonePost)).toBe(1);
    expect(relevantChange("lists", phonePost)).toBe(1);
    expect(relevantChange("log", phonePost)).toBeNull();
    expect(relevantChange("domain", { lists: true })).toBe(0);
    expect(relevantChange("log", { runs: 3, users: true })).toBe(3);
    expect(relevantChange("users", { users: true })).toBe(0);
    expect(relevantChange("domain", { users: true })).toBeNull();
  });
});
