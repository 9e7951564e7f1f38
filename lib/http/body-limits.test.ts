import { describe, expect, it } from "vitest";
import { BODY_LIMITS, bodyLimitFor } from "./body-limits";

describe("body caps by path", () => {
  it("caps a path as Next routes it, percent-encoded or not", () => {
    expect(bodyLimitFor("/api/widget/session")).toBe(BODY_LIMITS.widget);
    expect(bodyLimitFor("/api/%77idget/session")).toBe(BODY_LIMITS.widget);
    expect(bodyLimitFor("/api/%61uth/callback/credentials")).toBe(BODY_LIMITS.auth);
    expect(bodyLimitFor("/api/v1/messages")).toBe(BODY_LIMITS.api);
    expect(bodyLimitFor("/inbox/all")).toBe(BODY_LIMITS.other);
    expect(bodyLimitFor("/api/%zz")).toBe(BODY_LIMITS.api);
  });
});
