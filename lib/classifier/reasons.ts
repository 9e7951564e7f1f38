// Scores with reasons. Hashed buckets have no names, so the reasons are computed from the message's own
// pieces at scoring time: every feature remembers the piece of the input it came from (a word of the
// text, a two-word phrase, a spam string, a named signal), each piece sums the contributions
// (weight × value) of its features, and the pieces that pushed hardest towards spam are the reasons —
// "prize", "call now", "contains a denied domain", "disguised link", "mentions bit.ly".
import {
  PieceKind,
  SIGNALS,
  extractFeatures,
  type ClassifierInput,
  type ExplainedFeatureVector,
  type FeatureOptions,
  DEFAULT_FEATURE_OPTIONS,
} from "./features";
import { sigmoid, type LinearModel } from "./model";

export interface SpamReason {
  /**
   * word: a word of the text; phrase: two words; string: a spam string's value; signal: something Bouncer knows or the
   * message's shape.
   */
  kind: "word" | "phrase" | "string" | "signal";
  /** For people: `prize`, `call now`, `mentions bit.ly`, `contains a denied domain`. */
  text: string;
  /** Its contribution to the log-odds of spam (positive: towards spam). */
  weight: number;
}

export interface SpamScore {
  /** Probability of spam, 0–1. */
  score: number;
  /** What pushed towards spam, strongest first (at most `reasons` of them). */
  reasons: SpamReason[];
  /** What pushed away from spam, strongest first. */
  against: SpamReason[];
}

export interface ScoreOptions {
  /** How many reasons each way (default 5; 0 skips explaining). */
  reasons?: number;
  features?: FeatureOptions;
}

/** Contributions smaller than this (in log-odds) are not worth naming. */
const MIN_REASON_WEIGHT = 0.05;
const MAX_REASON_TEXT = 60;

/** Scores one message with a model, with its reasons. */
export function scoreInput(model: LinearModel, input: ClassifierInput, options: ScoreOptions = {}): SpamScore {
  const vector = extractFeatures(input, options.features ?? DEFAULT_FEATURE_OPTIONS);
  const limit = options.reasons ?? 5;
  if (limit <= 0) return { score: sigmoid(model.logit(vector)), reasons: [], against: [] };
  const { logit, sums } = contributions(model, vector);
  return { score: sigmoid(logit), ...explain(vector, sums, limit) };
}

/** A message scored as a new contact's first message and as a known contact's. */
export interface ScoreBothWays {
  asFirstMessage: SpamScore;
  asKnownContact: SpamScore;
}

const CONTACT_NEW = SIGNALS.findIndex(([name]) => name === "contact.new");

/**
 * scoreInput of `input` as a new contact's first message and as a known contact's, with one feature
 * extraction (ingest scores every message both ways: only its write knows which applies). The two
 * vectors differ only in the "contact.new" signal, the last feature emitted when the input has no
 * sender history, so the known contact's vector is the first one without its last feature: the same
 * features in the same order, hence the same scores and reasons as two scoreInput calls, to the bit.
 */
export function scoreBothWays(model: LinearModel, input: ClassifierInput, options: ScoreOptions = {}): ScoreBothWays {
  const limit = options.reasons ?? 5;
  const vector = input.sender
    ? null
    : extractFeatures({ ...input, firstMessageFromNewContact: true }, options.features ?? DEFAULT_FEATURE_OPTIONS);
  const last = vector ? vector.pieceCount - 1 : -1;
  if (
    !vector ||
    limit <= 0 ||
    vector.pieceKinds[last] !== PieceKind.signal ||
    vector.pieceA[last] !== CONTACT_NEW ||
    vector.origins[vector.length - 1] !== last
  ) {
    return {
      asFirstMessage: scoreInput(model, { ...input, firstMessageFromNewContact: true }, options),
      asKnownContact: scoreInput(model, { ...input, firstMessageFromNewContact: false }, options),
    };
  }
  const first = contributions(model, vector);
  const asFirstMessage = { score: sigmoid(first.logit), ...explain(vector, first.sums, limit) };
  // The same sums buffer: read the first message's before computing the known contact's.
  const known = contributions(model, { ...vector, length: vector.length - 1 });
  return { asFirstMessage, asKnownContact: { score: sigmoid(known.logit), ...explain(vector, known.sums, limit) } };
}

let pieceSums = new Float64Array(256);

/** The raw score and, in the same pass, what each piece of the input contributed to it. */
export function contributions(
  model: LinearModel,
  vector: ExplainedFeatureVector,
): { logit: number; sums: Float64Array } {
  if (pieceSums.length < vector.pieceCount)
    pieceSums = new Float64Array(Math.max(vector.pieceCount, pieceSums.length * 2));
  const sums = pieceSums;
  sums.fill(0, 0, vector.pieceCount);
  return { logit: model.contributions(vector, sums), sums };
}

/**
 * The strongest pieces each way, from contributions() of the same vector. Reads the vector's pieces:
 * call before the next extraction.
 */
export function explain(
  vector: ExplainedFeatureVector,
  sums: Float64Array,
  limit: number,
): { reasons: SpamReason[]; against: SpamReason[] } {
  // Only the strongest pieces are described (naming a piece costs more than summing it); a few spares
  // each way, since pieces with the same text (a word written twice) are merged into one reason.
  const spare = limit + 3;
  const top = strongest(sums, vector.pieceCount, spare, 1);
  const bottom = strongest(sums, vector.pieceCount, spare, -1);
  const byText = new Map<string, SpamReason>();
  for (const list of [top, bottom]) {
    for (const p of list) {
      const reason = describePiece(vector, p);
      if (!reason) continue;
      const key = reason.kind + reason.text;
      const existing = byText.get(key);
      if (existing) existing.weight += sums[p]!;
      else byText.set(key, { kind: reason.kind, text: reason.text, weight: sums[p]! });
    }
  }
  const reasons: SpamReason[] = [];
  const against: SpamReason[] = [];
  for (const reason of byText.values()) {
    reason.weight = Math.round(reason.weight * 1000) / 1000;
    if (reason.weight >= MIN_REASON_WEIGHT) reasons.push(reason);
    else if (reason.weight <= -MIN_REASON_WEIGHT) against.push(reason);
  }
  reasons.sort((a, b) => b.weight - a.weight);
  against.sort((a, b) => a.weight - b.weight);
  return { reasons: reasons.slice(0, limit), against: against.slice(0, limit) };
}

/** Up to `k` pieces with the largest sums times `sign` (beyond a small floor), strongest first. */
function strongest(sums: Float64Array, pieceCount: number, k: number, sign: 1 | -1): number[] {
  const chosen: number[] = [];
  for (let p = 0; p < pieceCount; p++) {
    const value = sums[p]! * sign;
    if (value < MIN_REASON_WEIGHT / 4) continue;
    if (chosen.length === k && value <= sums[chosen[k - 1]!]! * sign) continue;
    // Insert in order (k is small).
    let at = chosen.length === k ? k - 1 : chosen.length;
    chosen[at] = p;
    while (at > 0 && sums[chosen[at - 1]!]! * sign < value) {
      chosen[at] = chosen[at - 1]!;
      chosen[at - 1] = p;
      at--;
    }
  }
  return chosen;
}

function describePiece(vector: ExplainedFeatureVector, piece: number): Omit<SpamReason, "weight"> | null {
  const kind = vector.pieceKinds[piece]!;
  const a = vector.pieceA[piece]!;
  const b = vector.pieceB[piece]!;
  if (kind === PieceKind.signal) return { kind: "signal", text: SIGNALS[a]![1] };
  if (kind === PieceKind.spamString) {
    const found = vector.spamStrings[a];
    return found ? { kind: "string", text: clip(`mentions ${found.value}`) } : null;
  }
  if (kind === PieceKind.bigram) return { kind: "phrase", text: clip(vector.text.slice(a, b).replace(/\s+/g, " ")) };
  // A chunk: the word without the punctuation around it ("prize!" → prize), unless that is all it is.
  let start = a;
  let end = b;
  while (start < end && !keepsAtStart(vector.text.charCodeAt(start))) start++;
  while (end > start && !keepsAtEnd(vector.text.charCodeAt(end - 1))) end--;
  return { kind: "word", text: clip(start < end ? vector.text.slice(start, end) : vector.text.slice(a, b)) };
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isLetterOrDigit(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

/** A reason keeps a leading currency sign (£1000) and a trailing per cent sign (50%). */
function keepsAtStart(code: number): boolean {
  return isLetterOrDigit(code) || code === 36 || code === 0xa3 || code === 0x20ac || code === 0xa5 || code === 0x20b9;
}

function keepsAtEnd(code: number): boolean {
  return isLetterOrDigit(code) || code === 37;
}

function clip(text: string): string {
  return text.length > MAX_REASON_TEXT ? `${text.slice(0, MAX_REASON_TEXT - 1)}…` : text;
}
