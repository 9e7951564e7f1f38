// The spam classifier's reasons as stored on messages and conversations and shown to people and the
// API: what pushed a message towards spam, strongest first. Client-safe (no server imports).
import { z } from "zod";

export const spamReasonViewSchema = z.object({
  /**
   * word: a word of the text; phrase: two words; string: a spam string; signal: something Bouncer knows or the
   * message's shape.
   */
  kind: z.enum(["word", "phrase", "string", "signal"]),
  /** For people: `prize`, `call now`, `mentions bit.ly`, `contains a denied domain`. */
  text: z.string(),
  /** Its contribution to the log-odds of spam. */
  weight: z.number(),
});

export type SpamReasonView = z.infer<typeof spamReasonViewSchema>;

// Built once: ingest reads a conversation's reasons for every scored message (a zod schema built per
// call cost more than the parse).
const spamReasonsSchema = z.array(spamReasonViewSchema);

/** Reasons stored on a row (JSON), or none when the column is empty or not reasons. */
export function spamReasonsOf(value: unknown): SpamReasonView[] {
  const parsed = spamReasonsSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  return parsed.success ? parsed.data : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A score as people read it: "87%". */
export function formatSpamScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}
