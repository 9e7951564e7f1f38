import { describe, expect, it } from "vitest";
import { readSmsCorpus } from "@/lib/seed/sms-corpus";
import { classifierInputOf, defaultModel } from "./default-model";
import { OverlayModel } from "./model";
import { corpusExamples } from "./default-model";
import { scoreBothWays, scoreInput } from "./reasons";
import { extractFeatures, type ClassifierInput } from "./features";

describe("scoreBothWays", () => {
  const corpus = readSmsCorpus();
  const base = defaultModel().model;
  // A tenant's model (an overlay that learned labels) as well as the default one.
  const tenant = new OverlayModel(base);
  const { vectors, labels } = corpusExamples(corpus.slice(0, 200));
  for (const [i, vector] of vectors.entries()) tenant.learn(vector, labels[i]!);
  // The corpus knows no contacts: this tenant learned that new contacts' first messages are often spam.
  for (const entry of corpus.slice(200, 300))
    tenant.learn(extractFeatures({ text: entry.text, firstMessageFromNewContact: true }), 1);

  it("scores as two scoreInput calls would (new contact's first message, known contact's) to the bit", () => {
    // Texts with and without spam strings (listed and disguised), long and short.
    const inputs: ClassifierInput[] = corpus.slice(0, 400).map((entry, i) => {
      const input = classifierInputOf(entry.text, "GB");
      return i % 3 === 0 && input.spamStrings?.length
        ? { ...input, spamStrings: input.spamStrings.map((s) => ({ ...s, list: "deny" as const, obfuscated: true })) }
        : input;
    });
    inputs.push({ text: "" }, { text: "x".repeat(5_000) });
    let differ = 0;
    for (const model of [base, tenant]) {
      for (const input of inputs) {
        const both = scoreBothWays(model, input, { reasons: 5 });
        if (both.asFirstMessage.score !== both.asKnownContact.score) differ++;
        expect(both.asFirstMessage).toEqual(
          scoreInput(model, { ...input, firstMessageFromNewContact: true }, { reasons: 5 }),
        );
        expect(both.asKnownContact).toEqual(scoreInput(model, input, { reasons: 5 }));
      }
    }
    // The tenant's model weighs the new-contact signal: the two ways are not the same score there.
    expect(differ).toBeGreaterThan(300);
  });

  it("falls back to two extractions when a sender history follows the new-contact signal, same answers", () => {
    const input: ClassifierInput = {
      text: "WINNER!! claim your prize, call 09061701461",
      sender: { earlierMessages: 3, daysSinceFirstSeen: 2, earlierSpamMarks: 1 },
    };
    const both = scoreBothWays(tenant, input, { reasons: 5 });
    expect(both.asFirstMessage).toEqual(
      scoreInput(tenant, { ...input, firstMessageFromNewContact: true }, { reasons: 5 }),
    );
    expect(both.asKnownContact).toEqual(scoreInput(tenant, input, { reasons: 5 }));
    expect(both.asFirstMessage.score).toBeGreaterThan(both.asKnownContact.score);
  });
});
