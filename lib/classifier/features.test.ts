import { describe, expect, it } from "vitest";
import {
  DEFAULT_FEATURE_OPTIONS,
  MAX_SPAM_STRINGS,
  MAX_TEXT_CHARS,
  extractFeatures,
  normalizeText,
  signalBucket,
  type ClassifierInput,
  type SignalName,
} from "./features";
import { DenseModel } from "./model";
import { contributions, explain, scoreInput } from "./reasons";

const buckets = (input: ClassifierInput) => [...extractFeatures(input).indices].sort((a, b) => a - b);
const hasSignal = (input: ClassifierInput, name: SignalName) =>
  extractFeatures(input).indices.includes(signalBucket(name));

describe("extractFeatures", () => {
  it("is deterministic, with distinct buckets inside the hashed space", () => {
    const input = { text: "WINNER!! Claim your £900 prize now, call 09061701461" };
    const a = extractFeatures(input);
    const b = extractFeatures(input);
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
    expect(new Set(a.indices).size).toBe(a.length);
    for (const bucket of a.indices) expect(bucket >= 0 && bucket < 2 ** DEFAULT_FEATURE_OPTIONS.bits).toBe(true);
    // Text features share one value (unit length together); signals count 1.
    const textValues = [...a.values].filter((v) => v !== 1);
    expect(new Set(textValues).size).toBe(1);
    expect(textValues[0]! ** 2 * textValues.length).toBeCloseTo(1, 5);
  });

  it("reads text the way people do: case, full-width forms and spacing do not change the text features", () => {
    expect(buckets({ text: "free prize" })).toEqual(buckets({ text: "FREE Prize" }));
    expect(buckets({ text: "free prize" })).toEqual(buckets({ text: "ｆｒｅｅ ｐｒｉｚｅ" }));
    // Character n-grams stay inside whitespace-separated chunks, so other spacing changes nothing.
    expect(buckets({ text: "free prize" })).toEqual(buckets({ text: "free \n\t  prize" }));
  });

  it("differs for different words", () => {
    expect(buckets({ text: "free prize" })).not.toEqual(buckets({ text: "free price" }));
  });

  it("reads only the first MAX_TEXT_CHARS characters, so a huge message costs what a long one does", () => {
    const long = "buy cheap watches ".repeat(10_000);
    const huge = extractFeatures({ text: long });
    const cut = extractFeatures({ text: long.slice(0, MAX_TEXT_CHARS) });
    expect([...huge.indices]).toEqual([...cut.indices]);
    // Characters that NFKC expands 18-fold are cut again after folding.
    expect(normalizeText("\ufdfa".repeat(MAX_TEXT_CHARS)).length).toBe(MAX_TEXT_CHARS);
  });

  it("reads at most MAX_SPAM_STRINGS spam strings", () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ kind: "url" as const, value: `spam${i}.example/x` }));
    expect(extractFeatures({ text: "links", spamStrings: many }).length).toBe(
      extractFeatures({ text: "links", spamStrings: many.slice(0, MAX_SPAM_STRINGS) }).length,
    );
  });

  it("has a feature for each signal Bouncer knows, and none for what it was not told", () => {
    const plain: ClassifierInput = { text: "see you at the station" };
    for (const name of [
      "string.denied.domain",
      "string.disguised.url",
      "contact.new",
      "sender.messages.0",
      "sender.banned-elsewhere",
    ] as const) {
      expect(hasSignal(plain, name)).toBe(false);
    }
    const rich: ClassifierInput = {
      text: "see you at example dot com",
      spamStrings: [
        { kind: "domain", value: "example.com", list: "deny", obfuscated: true },
        { kind: "phone", value: "+447700900123", list: "allow" },
        { kind: "url", value: "bit.ly/x" },
      ],
      firstMessageFromNewContact: true,
      sender: { earlierMessages: 0, daysSinceFirstSeen: 0.1, earlierSpamMarks: 1, liveChatBlocks: 2, activeBans: 1 },
    };
    for (const name of [
      "string.denied.domain",
      "string.disguised.domain",
      "string.allowed.phone",
      "string.found.url",
      "contact.new",
      "sender.messages.0",
      "sender.age.day",
      "sender.spam-marked-before",
      "sender.live-chat-blocked",
      "sender.banned-elsewhere",
    ] as const) {
      expect(hasSignal(rich, name)).toBe(true);
    }
    expect(hasSignal(rich, "string.found.domain")).toBe(false);
    expect(
      hasSignal({ text: "hi", sender: { earlierMessages: 7, daysSinceFirstSeen: 30 } }, "sender.messages.5+"),
    ).toBe(true);
    expect(hasSignal({ text: "hi", sender: { earlierMessages: 7, daysSinceFirstSeen: 30 } }, "sender.age.older")).toBe(
      true,
    );
  });

  it("notices the message's shape: long numbers, money, capitals, exclamation marks", () => {
    const input = { text: "WINNER!! YOU HAVE WON £900, CALL 09061701461 NOW" };
    for (const name of ["shape.long-number", "shape.money", "shape.capitals", "shape.exclamations"] as const)
      expect(hasSignal(input, name)).toBe(true);
    const calm = { text: "Running 10 minutes late, sorry" };
    for (const name of ["shape.long-number", "shape.money", "shape.capitals", "shape.exclamations"] as const)
      expect(hasSignal(calm, name)).toBe(false);
  });
});

describe("reasons", () => {
  // A model that learned one spam and one ham message, so words carry weights of both signs.
  function smallModel() {
    const model = new DenseModel(DEFAULT_FEATURE_OPTIONS.bits);
    const spam = extractFeatures({
      text: "Claim your prize! Call now",
      spamStrings: [{ kind: "domain", value: "win.example", list: "deny" }],
    });
    const ham = extractFeatures({ text: "Lunch tomorrow at noon?" });
    for (let i = 0; i < 20; i++) {
      model.learn(spam, 1);
      model.learn(ham, 0);
    }
    return model;
  }

  it("names the words and signals pushing towards spam, strongest first, without the punctuation around words", () => {
    const model = smallModel();
    const result = scoreInput(model, {
      text: "Claim your prize! Call now",
      spamStrings: [{ kind: "domain", value: "win.example", list: "deny" }],
    });
    expect(result.score).toBeGreaterThan(0.9);
    const texts = result.reasons.map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining(["contains a denied domain"]));
    expect(
      texts.some((t) =>
        [
          "prize",
          "claim",
          "call",
          "now",
          "your",
          "mentions win.example",
          "call now",
          "claim your",
          "your prize",
        ].includes(t),
      ),
    ).toBe(true);
    expect(texts).not.toContain("prize!");
    for (let i = 1; i < result.reasons.length; i++)
      expect(result.reasons[i - 1]!.weight).toBeGreaterThanOrEqual(result.reasons[i]!.weight);
    expect(result.reasons.length).toBeLessThanOrEqual(5);
    expect(scoreInput(model, { text: "Lunch tomorrow at noon?" }).against.map((r) => r.text)).toEqual(
      expect.arrayContaining(["lunch"]),
    );
  });

  it("splits the score exactly: the pieces' contributions add up to the model's raw score", () => {
    const model = smallModel();
    const vector = extractFeatures({ text: "Claim your prize at noon", firstMessageFromNewContact: true });
    const sums = new Float64Array(vector.pieceCount);
    const logit = model.contributions(vector, sums);
    expect(logit).toBeCloseTo(model.logit(vector), 9);
    const bias = model.weight(2 ** model.bits);
    expect(sums.reduce((a, b) => a + b, 0) + bias).toBeCloseTo(logit, 6);
    expect(contributions(model, vector).logit).toBeCloseTo(logit, 9);
    const explained = explain(vector, contributions(model, vector).sums, 3);
    expect(explained.reasons.length + explained.against.length).toBeGreaterThan(0);
  });

  it("keeps a currency sign and clips long pieces", () => {
    const model = new DenseModel(DEFAULT_FEATURE_OPTIONS.bits);
    const long = `http://${"x".repeat(200)}.example/offer`;
    const input = { text: `win £1000 ${long}` };
    const v = extractFeatures(input);
    for (let i = 0; i < 10; i++) model.learn(v, 1);
    const texts = scoreInput(model, input, { reasons: 10 }).reasons.map((r) => r.text);
    expect(texts).toContain("£1000");
    expect(texts.every((t) => t.length <= 60)).toBe(true);
    expect(scoreInput(model, input, { reasons: 0 })).toMatchObject({ reasons: [], against: [] });
  });
});
