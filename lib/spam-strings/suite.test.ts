// The extractor against the labelled test set (tests/extraction-suite/): public suites converted to
// the Spam Manager's normalized values plus our own obfuscation and prose cases. The floors sit just
// under today's scores (bench/results/README.md), so a change that loses recall or precision fails here.
import { describe, expect, it } from "vitest";
import { readSuite, scoreSuite, SCORED_KINDS, type SuiteCase } from "./scoring";
import type { SpamStringKind } from "./extract";

const suites = readSuite();

// F1 floors per test set and kind (kinds a set does not judge are absent).
const FLOORS: Record<string, Partial<Record<SpamStringKind, number>>> = {
  "bouncer-obfuscation": { domain: 0.99, url: 0.99, phone: 0.99, email: 0.99 },
  "twitter-text": { domain: 0.97, url: 0.96 },
  "linkify-it": { domain: 0.99, url: 0.99, email: 0.95 },
  libphonenumber: { phone: 0.99 },
};

describe("the extraction test set", () => {
  it("holds the public suites and our own cases, each case naming its source", () => {
    expect([...suites.keys()].sort()).toEqual(["bouncer-obfuscation", "libphonenumber", "linkify-it", "twitter-text"]);
    for (const [name, cases] of suites) {
      expect(cases.length, name).toBeGreaterThan(90);
      for (const testCase of cases) {
        expect(testCase.source, `${name}: ${testCase.text}`).toMatch(
          /^(twitter-text|linkify-it|libphonenumber|bouncer)$/,
        );
        expect(testCase.ref.length, `${name}: ${testCase.text}`).toBeGreaterThan(0);
        expect(testCase.kinds.length).toBeGreaterThan(0);
        for (const kind of testCase.kinds) expect(SCORED_KINDS).toContain(kind);
      }
    }
  });

  it('has negatives: our prose cases expect nothing, and the public suites\' "not a link" cases too', () => {
    const prose = suites.get("bouncer-obfuscation")!.filter((c) => c.ref === "precision: prose");
    expect(prose.length).toBeGreaterThan(40);
    for (const c of prose) expect(Object.values(c.expected).flat(), c.text).toEqual([]);
    expect(suites.get("linkify-it")!.filter((c) => c.ref.includes("not_links")).length).toBeGreaterThan(30);
  });

  it.each([...Object.entries(FLOORS)])("scores %s above its floors", (name, floors) => {
    const score = scoreSuite(suites.get(name) as SuiteCase[]);
    for (const [kind, floor] of Object.entries(floors) as Array<[SpamStringKind, number]>) {
      const { f1, precision, recall } = score.byKind[kind];
      expect(
        f1,
        `${name} ${kind}: P ${precision.toFixed(3)} R ${recall.toFixed(3)}; ` +
          `misses: ${JSON.stringify(score.misses.filter((m) => m.kind === kind).slice(0, 5))}`,
      ).toBeGreaterThanOrEqual(floor);
    }
  });
});

describe("scoreSuite", () => {
  const cases: SuiteCase[] = [
    {
      source: "bouncer",
      ref: "t",
      text: "a",
      kinds: ["url", "domain"],
      expected: { url: ["x.com", "y.com"], domain: [] },
    },
    { source: "bouncer", ref: "t", text: "b", kinds: ["url"], expected: { url: [] } },
    { source: "bouncer", ref: "t", text: "c", kinds: ["url"], expected: { url: ["z.com"] }, excluded: "not judged" },
  ];
  const fake = (text: string) =>
    text === "a"
      ? [
          { kind: "url" as const, value: "x.com" },
          { kind: "email" as const, value: "not@judged.com" },
        ]
      : text === "b"
        ? [{ kind: "url" as const, value: "w.com" }]
        : [];

  it("counts true and false positives and misses per judged kind, skipping excluded cases", () => {
    const score = scoreSuite(cases, fake);
    expect(score.cases).toBe(2);
    expect(score.excluded).toBe(1);
    expect(score.byKind.url).toMatchObject({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
    // Nothing expected and nothing found: perfect, not 0/0.
    expect(score.byKind.domain).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    // Kinds a case does not judge are not scored.
    expect(score.byKind.email).toMatchObject({ truePositives: 0, falsePositives: 0 });
    expect(score.misses).toHaveLength(2);
  });
});
