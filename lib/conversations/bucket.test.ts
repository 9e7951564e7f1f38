import { describe, expect, it } from "vitest";
import { bucketAfterChange, inboxBucket, isSuspected } from "./bucket";

describe("inbox buckets with a spam suspicion", () => {
  it("holds an open or waiting chat in Suspected; a ban, a spam mark and Resolved take precedence", () => {
    expect(inboxBucket("open", { suspected: true })).toBe("suspected");
    expect(inboxBucket("waiting", { suspected: true })).toBe("suspected");
    expect(inboxBucket("resolved", { suspected: true })).toBe("resolved");
    expect(inboxBucket("open", { suspected: true, contactMarkedAsSpam: true })).toBe("spam");
    expect(inboxBucket("open", { suspected: true, heldByBan: true })).toBe("banned");
  });

  it("carries a suspicion over a change, unless the change is the team's verdict (a mark or un-mark)", () => {
    const suspected = { bucket: "suspected" };
    expect(isSuspected(suspected)).toBe(true);
    expect(bucketAfterChange(suspected, "open", false)).toBe("suspected");
    expect(bucketAfterChange(suspected, "resolved", false)).toBe("resolved");
    expect(bucketAfterChange(suspected, "open", true, true)).toBe("spam");
    expect(bucketAfterChange(suspected, "open", false, true)).toBe("active");
    expect(bucketAfterChange({ bucket: "active" }, "open", false)).toBe("active");
  });
});
