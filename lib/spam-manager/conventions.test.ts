import { describe, expect, it } from "vitest";
import { messageSpamStrings, normalizeListValue, SPAM_STRINGS_PER_KIND, urlDomain, windowKeyOf } from "./conventions";
import { decodeKeyset, encodeKeyset, containsPattern } from "./paging";
import {
  createSpamActionSchema,
  createSpamRuleSchema,
  describeAction,
  describeActionDraft,
  describeTrigger,
  describeTriggerDraft,
} from "./action-schemas";
import type { SpamKind } from "./kinds";
import { advisoryLockKey } from "@/lib/jobs/scheduler";

describe("a message's spam strings", () => {
  it("keeps the first twenty of each kind: a blast naming hundreds records what it names first", () => {
    const text = [
      ...Array.from({ length: 300 }, (_, i) => `zqa${i}.io`),
      ...Array.from({ length: 30 }, (_, i) => `+44 7700 900${String(100 + i)}`),
      "write to help@support.example.com",
    ].join(" ");
    const strings = messageSpamStrings(text, "GB");
    const of = (kind: SpamKind) => strings.filter((s) => s.kind === kind).map((s) => s.value);
    expect(SPAM_STRINGS_PER_KIND).toBe(20);
    expect(of("domain")).toEqual(Array.from({ length: 20 }, (_, i) => `zqa${i}.io`));
    expect(of("url")).toEqual(Array.from({ length: 20 }, (_, i) => `zqa${i}.io`));
    expect(strings.filter((s) => s.kind === "url").every((s, i) => s.domain === `zqa${i}.io`)).toBe(true);
    expect(of("phone")).toEqual(Array.from({ length: 20 }, (_, i) => `+447700900${100 + i}`));
    expect(of("email")).toEqual(["help@support.example.com"]);
  });

  it("ties each URL to its registrable domain, and IP links to none", () => {
    const strings = messageSpamStrings(
      "Win at https://www.Prizes.co.uk/claim?id=1, http://1.2.3.4/x or shop.example.com",
      "GB",
    );
    expect(strings).toEqual(
      expect.arrayContaining([
        {
          kind: "domain",
          value: "prizes.co.uk",
          domain: null,
          raw: "https://www.Prizes.co.uk/claim?id=1",
          obfuscated: false,
        },
        {
          kind: "url",
          value: "prizes.co.uk/claim?id=1",
          domain: "prizes.co.uk",
          raw: "https://www.Prizes.co.uk/claim?id=1",
          obfuscated: false,
        },
        { kind: "url", value: "1.2.3.4/x", domain: null, raw: "http://1.2.3.4/x", obfuscated: false },
        { kind: "url", value: "shop.example.com", domain: "example.com", raw: "shop.example.com", obfuscated: false },
        { kind: "domain", value: "example.com", domain: null, raw: "shop.example.com", obfuscated: false },
      ]),
    );
  });

  it("keeps how the message wrote each string and whether it was disguised", () => {
    expect(messageSpamStrings("see hxxps://evil[.]com/win or call 415-666-7777", "US")).toEqual([
      { kind: "domain", value: "evil.com", domain: null, raw: "hxxps://evil[.]com/win", obfuscated: true },
      { kind: "url", value: "evil.com/win", domain: "evil.com", raw: "hxxps://evil[.]com/win", obfuscated: true },
      { kind: "phone", value: "+14156667777", domain: null, raw: "415-666-7777", obfuscated: false },
    ]);
  });

  it("picks the longest matching domain (private suffixes: user.github.io is its own domain)", () => {
    expect(urlDomain("a.user.github.io/page", ["github.io", "user.github.io"])).toBe("user.github.io");
    expect(urlDomain("notexample.com/x", ["example.com"])).toBeNull();
    expect(urlDomain("example.com:8080/x", ["example.com"])).toBe("example.com");
  });

  it("returns nothing for a message without strings", () => {
    expect(messageSpamStrings("see you at 5, ok?", "US")).toEqual([]);
  });
});

describe("values typed into the Allow/Deny lists are normalized like extraction", () => {
  it.each([
    ["url", "https://www.Example.com/", "example.com"],
    ["url", "HTTP://Example.com/Offer?x=1", "example.com/Offer?x=1"],
    ["url", "example.love/x", "example.love/x"],
    ["domain", "https://shop.example.co.uk/cart", "example.co.uk"],
    ["domain", "WWW.EXAMPLE.COM", "example.com"],
    ["domain", "example.love", "example.love"],
    ["email", "mailto:Promo@Example.COM", "promo@example.com"],
    ["phone", "+44 7700 900123", "+447700900123"],
    ["phone", "(415) 555-2671", "+14155552671"],
    // A disguised value is the plain one (issue 17).
    ["domain", "evil[.]com", "evil.com"],
    ["url", "hxxps://evil[.]com/x", "evil.com/x"],
    ["email", "name (at) evil (dot) com", "name@evil.com"],
  ] as const)("%s %s → %s", (kind, raw, expected) => {
    expect(normalizeListValue(kind, raw, "US")).toBe(expected);
  });

  it.each([
    ["domain", "not a domain"],
    ["email", "nobody at example"],
    ["phone", "12345"],
    ["url", "hello"],
  ] as const)("%s %s → null", (kind, raw) => {
    expect(normalizeListValue(kind, raw, "US")).toBeNull();
  });
});

describe("rule windows", () => {
  it("are slots of windowMinutes from the epoch: a day is a UTC day", () => {
    expect(windowKeyOf(new Date("2026-03-05T23:59:59.999Z"), 1440)).toBe("2026-03-05T00:00:00.000Z");
    expect(windowKeyOf(new Date("2026-03-06T00:00:00.000Z"), 1440)).toBe("2026-03-06T00:00:00.000Z");
    expect(windowKeyOf(new Date("2026-03-05T10:14:00Z"), 15)).toBe("2026-03-05T10:00:00.000Z");
    expect(windowKeyOf(new Date("2026-03-05T10:15:00Z"), 15)).toBe("2026-03-05T10:15:00.000Z");
  });
});

describe("paging and search", () => {
  it("round-trips keyset cursors and refuses foreign ones with a 400 naming cursor", () => {
    const at = new Date("2026-01-01T00:00:00Z");
    expect(decodeKeyset(encodeKeyset([3, at, "id-1"]), ["n", "n", "s"])).toEqual([3, at.getTime(), "id-1"]);
    expect(() => decodeKeyset("garbage", ["n", "s"])).toThrowError(
      expect.objectContaining({ status: 400, details: { fields: [{ field: "cursor", message: expect.any(String) }] } }),
    );
    expect(() => decodeKeyset(encodeKeyset(["x", "y"]), ["n", "s"])).toThrow(/cursor/);
  });

  it("takes % and _ literally in searches", () => {
    expect(containsPattern("50%_off")).toBe("%50\\%\\_off%");
  });
});

describe("actions and rules", () => {
  it("validates params per type and names the bad field", () => {
    const bad = createSpamActionSchema.safeParse({ name: "Block", type: "block_live_chat", params: { minutes: 0 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["params.minutes", "params.reason"]),
    );
    const good = createSpamActionSchema.parse({
      name: " Block a day ",
      type: "block_live_chat",
      params: { minutes: 1440, reason: "Spam" },
    });
    expect(good).toEqual({
      name: "Block a day",
      type: "block_live_chat",
      params: { minutes: 1440, reason: "Spam", saveToActivityData: false },
    });
    expect(createSpamActionSchema.safeParse({ name: "x", type: "explode" }).error!.issues[0]!.path).toEqual(["type"]);
  });

  it("defaults a denied-string rule to a day window and requires a burst's threshold and window", () => {
    expect(createSpamRuleSchema.parse({ name: "r", trigger: "denied_string", actionId: "a" }).params).toEqual({
      windowMinutes: 1440,
    });
    const bad = createSpamRuleSchema.safeParse({
      name: "r",
      trigger: "uncategorized_burst",
      actionId: "a",
      params: { threshold: 3 },
    });
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["params.windowMinutes"]);
  });

  it("describes actions and triggers for people", () => {
    const block = { minutes: 1440, reason: "Spam", saveToActivityData: false };
    expect(describeAction({ type: "block_live_chat", params: block })).toBe("Block for live chat for 24 hours");
    expect(
      describeAction({ type: "ban_channel", params: { channel: "whatsapp", expiresInDays: 7, reason: "x" } }),
    ).toBe("Ban on WhatsApp for 7 days");
    expect(describeAction({ type: "ban_channel", params: { reason: "x" } })).toBe(
      "Ban on every channel they posted from",
    );
    expect(describeAction({ type: "flag_review", params: {} })).toBe("Flag for review");
    expect(describeTrigger({ trigger: "uncategorized_burst", params: { threshold: 5, windowMinutes: 10 } })).toBe(
      "When a user posts 5 or more messages with uncategorized strings within 10 minutes",
    );
    expect(describeTrigger({ trigger: "spam_score", params: { minScore: 0.9, windowMinutes: 1440 } })).toBe(
      "When a message's spam score is 90% or more",
    );
  });

  it("describes a form's draft as far as its params are valid", () => {
    // The reason is never part of the description: a draft without one yet is described all the same.
    expect(describeActionDraft("block_live_chat", { minutes: 60, reason: "" })).toBe("Block for live chat for 1 hour");
    expect(describeActionDraft("block_live_chat", { minutes: Number.NaN, reason: "" })).toBe("Block for live chat");
    expect(describeActionDraft("ban_channel", { channel: null, expiresInDays: null, minutes: 60 })).toBe(
      "Ban on every channel they posted from",
    );
    expect(describeTriggerDraft("disguised_string", { threshold: 5, windowMinutes: 1440, kinds: ["phone"] })).toBe(
      "When a message contains a disguised phone number",
    );
    expect(describeTriggerDraft("uncategorized_burst", { threshold: Number.NaN, windowMinutes: 10 })).toBe(
      "When a user posts many messages with uncategorized strings",
    );
  });

  it("describes and checks the disguised-string rule", () => {
    const disguised = (kinds: SpamKind[]) =>
      describeTrigger({ trigger: "disguised_string", params: { windowMinutes: 1440, kinds } });
    expect(describeTrigger({ trigger: "disguised_string", params: { windowMinutes: 1440 } })).toBe(
      "When a message contains a disguised string",
    );
    expect(disguised(["domain", "url"])).toBe("When a message contains a disguised link");
    expect(disguised(["url", "email"])).toBe("When a message contains a disguised link or email");
    expect(disguised(["phone"])).toBe("When a message contains a disguised phone number");
    expect(disguised(["domain", "url", "phone", "email"])).toBe("When a message contains a disguised string");
    const parsed = createSpamRuleSchema.parse({
      name: "D",
      trigger: "disguised_string",
      actionId: "a",
      params: { kinds: ["phone", "phone"] },
    });
    expect(parsed.params).toEqual({ windowMinutes: 1440, kinds: ["phone"] });
    expect(
      createSpamRuleSchema.safeParse({
        name: "D",
        trigger: "disguised_string",
        actionId: "a",
        params: { kinds: "url" },
      }).success,
    ).toBe(false);
    expect(
      createSpamRuleSchema.safeParse({
        name: "D",
        trigger: "disguised_string",
        actionId: "a",
        params: { windowMinutes: 0 },
      }).success,
    ).toBe(false);
  });
});

describe("scheduler", () => {
  it("derives a stable 32-bit advisory lock key per job", () => {
    expect(advisoryLockKey("spam-retention")).toBe(advisoryLockKey("spam-retention"));
    expect(advisoryLockKey("spam-retention")).not.toBe(advisoryLockKey("other-job"));
    expect(Number.isInteger(advisoryLockKey("x")) && Math.abs(advisoryLockKey("x")) < 2 ** 31).toBe(true);
  });
});
