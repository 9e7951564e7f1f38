import { describe, expect, it } from "vitest";
import { normalizeIdentifier } from "./identifiers";

describe("normalizeIdentifier", () => {
  it.each([
    ["whatsapp", "+44 7700 900123", "GB", "+447700900123"],
    ["whatsapp", "07700900123", "GB", "+447700900123"],
    ["ip_telephony", "(555) 123-4567", "US", "+15551234567"],
    ["ip_telephony", "+1 555 123 4567", "GB", "+15551234567"],
    ["whatsapp", "030 1234567", "DE", "+49301234567"],
  ] as const)("%s %s (%s) → %s", (channel, raw, region, expected) => {
    expect(normalizeIdentifier(channel, raw, region)).toEqual({ ok: true, value: expected });
  });

  it("answers a number asked again the same (remembered), in its region only", () => {
    for (let i = 0; i < 3; i++) {
      expect(normalizeIdentifier("whatsapp", "07700900123", "GB")).toEqual({ ok: true, value: "+447700900123" });
      expect(normalizeIdentifier("whatsapp", "07700900123", "US").ok).toBe(false);
      expect(normalizeIdentifier("whatsapp", " hello ", "GB").ok).toBe(false);
    }
  });

  it("refuses what is not a phone number on phone channels", () => {
    expect(normalizeIdentifier("whatsapp", "hello", "GB")).toEqual({
      ok: false,
      message: "is not a phone number (region GB)",
    });
    expect(normalizeIdentifier("whatsapp", "12", "US").ok).toBe(false);
  });

  it("lower-cases and checks emails", () => {
    expect(normalizeIdentifier("email", "  Jane.Doe@Example.COM ", "US")).toEqual({
      ok: true,
      value: "jane.doe@example.com",
    });
    expect(normalizeIdentifier("email", "jane@", "US").ok).toBe(false);
  });

  it("keeps other ids exactly, trimmed", () => {
    expect(normalizeIdentifier("messenger", " 1234567890 ", "US")).toEqual({ ok: true, value: "1234567890" });
    expect(normalizeIdentifier("webchat", "Visitor-AbC", "US")).toEqual({ ok: true, value: "Visitor-AbC" });
    expect(normalizeIdentifier("vkontakte", "   ", "US")).toEqual({ ok: false, message: "must not be empty" });
  });
});
