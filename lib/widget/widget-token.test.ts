import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWidgetSession, userSignature, verifyUserSignature, verifyWidgetSession } from "./widget-token";

describe("the host's user signature", () => {
  it("is the hex HMAC-SHA256 of the external id with the widget secret, checked in constant time", () => {
    const expected = createHmac("sha256", "s3cret").update("user-42").digest("hex");
    expect(userSignature("s3cret", "user-42")).toBe(expected);
    expect(verifyUserSignature("s3cret", "user-42", expected)).toBe(true);
    expect(verifyUserSignature("s3cret", "user-42", expected.toUpperCase())).toBe(true);
    expect(verifyUserSignature("s3cret", "user-43", expected)).toBe(false);
    expect(verifyUserSignature("other", "user-42", expected)).toBe(false);
    expect(verifyUserSignature("s3cret", "user-42", expected.slice(0, 62))).toBe(false);
    expect(verifyUserSignature("s3cret", "user-42", "zz".repeat(32))).toBe(false);
  });
});

describe("the visitor session token", () => {
  const session = { tenantId: "t1", visitorId: "visitor-abc", externalId: null, name: null, issuedAt: 1_800_000_000 };
  const now = new Date(1_800_000_000_000);

  it("round-trips and refuses any change, another key, or old age", () => {
    const token = signWidgetSession(session, "server-secret");
    expect(verifyWidgetSession(token, "server-secret", now)).toEqual(session);
    expect(verifyWidgetSession(token, "another-secret", now)).toBeNull();
    const [payload, mac] = token.split(".");
    const tampered = Buffer.from(
      Buffer.from(payload!, "base64url").toString().replace("visitor-abc", "visitor-xyz"),
    ).toString("base64url");
    expect(verifyWidgetSession(`${tampered}.${mac}`, "server-secret", now)).toBeNull();
    expect(verifyWidgetSession(`${token}.extra`, "server-secret", now)).toBeNull();
    expect(verifyWidgetSession(undefined, "server-secret", now)).toBeNull();
    expect(verifyWidgetSession(token, "server-secret", new Date(now.getTime() + 401 * 86_400_000))).toBeNull();
  });
});
