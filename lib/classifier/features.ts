// What the classifier sees of a message: hashed text features (word unigrams and bigrams, character
// n-grams inside each whitespace-separated chunk) plus the signals Bouncer already has about the
// message and its sender. The input is one typed object (ClassifierInput) that ingest fills; the output
// is a sparse vector of (bucket, value) pairs in a fixed space of 2^bits buckets, with, for every
// feature, where it came from — so that the reasons for a score can name words and signals instead of
// bucket numbers (lib/classifier/reasons.ts).
//
// Pure and synchronous; it runs for every scored message, so it works on character codes and reuses
// module-level scratch buffers (safe: JavaScript runs it to completion on one thread).
import { z } from "zod";
import { finishHash, hashString, mixHash } from "./hash";

/**
 * Bumped whenever a feature's definition or hashing changes: state learned under another version is
 * not comparable, so a tenant model of an older version starts again from the default model.
 */
export const FEATURE_VERSION = 1;

export const spamStringSignalSchema = z.object({
  kind: z.enum(["domain", "url", "phone", "email"]),
  /** The normalized value, as the Spam Manager stores it (lib/spam-strings/extract.ts). */
  value: z.string().max(2048),
  /** The string's status on the tenant's Allow/Deny lists when the message arrived (null: on neither). */
  list: z.enum(["allow", "deny"]).nullable().optional(),
  /** The message wrote it disguised (defanged, obfuscated) — the extractor's `obfuscated` flag. */
  obfuscated: z.boolean().optional(),
});

/** The sender as it was just before this message arrived (never after a mark: that would be the label). */
export const senderHistorySchema = z.object({
  /** Incoming messages stored from this contact before this one. */
  earlierMessages: z.number().int().min(0),
  /** Days since the contact was first seen (fractions allowed). */
  daysSinceFirstSeen: z.number().min(0).optional(),
  /** Times the contact was marked as spam before (and since un-marked: a marked sender is in Spam anyway). */
  earlierSpamMarks: z.number().int().min(0).optional(),
  /** Live-chat blocks the contact has had, past or present. */
  liveChatBlocks: z.number().int().min(0).optional(),
  /** Active bans of the contact's identifiers on other channels. */
  activeBans: z.number().int().min(0).optional(),
});

export const classifierInputSchema = z.object({
  /** The message body as received. Only its first MAX_TEXT_CHARS characters are read. */
  text: z.string(),
  /**
   * Spam strings ingest found in the text (lib/spam-manager/conventions.ts messageSpamStrings), with their list status.
   */
  spamStrings: z.array(spamStringSignalSchema).max(200).optional(),
  /** This message created its contact. */
  firstMessageFromNewContact: z.boolean().optional(),
  sender: senderHistorySchema.optional(),
});

/** What ingest fills for each message (optional parts may be left out). */
export type ClassifierInput = z.input<typeof classifierInputSchema>;
export type SpamStringSignal = z.input<typeof spamStringSignalSchema>;
export type SenderHistory = z.input<typeof senderHistorySchema>;

/** Texts are read up to this many characters: a 1 MB message costs what a 2,000-character one does. */
export const MAX_TEXT_CHARS = 2000;
/** Spam strings read per message (a message listing thousands of links costs what one with 50 does). */
export const MAX_SPAM_STRINGS = 50;

export interface FeatureOptions {
  /** The hashed space has 2^bits buckets. */
  bits: number;
  /** Character n-grams of these lengths, inside each chunk padded with a space on both sides. */
  charMin: number;
  charMax: number;
  /** Word bigrams besides unigrams. */
  wordBigrams: boolean;
  /** Message-shape features (long numbers, money, capitals, exclamation marks, length). */
  shapes: boolean;
  /** Scale the text features to unit length (signals stay 1). */
  normalize: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: Readonly<FeatureOptions> = Object.freeze({
  bits: 20,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  shapes: true,
  normalize: true,
});

/** A sparse feature vector: `length` (bucket, value) pairs, buckets distinct. */
export interface FeatureVector {
  length: number;
  indices: Int32Array;
  values: Float32Array;
}

/** Kinds of the pieces a feature can come from. */
export const PieceKind = { chunk: 0, bigram: 1, spamString: 2, signal: 3 } as const;

/** A feature vector that remembers, for each feature, the piece of the input it came from. */
export interface ExplainedFeatureVector extends FeatureVector {
  /** Per feature: the index of its piece. */
  origins: Int32Array;
  pieceCount: number;
  /**
   * Per piece: PieceKind, and two numbers whose meaning depends on it (text span start/end; spam-string index; signal
   * id).
   */
  pieceKinds: Int32Array;
  pieceA: Int32Array;
  pieceB: Int32Array;
  /** The normalized text the spans point into. */
  text: string;
  /** The input's spam strings, for pieces of kind spamString. */
  spamStrings: readonly SpamStringSignal[];
}

// Namespaces: the same characters hashed as a word, a character n-gram or a signal land in
// unrelated buckets.
const SEED_CHAR = 0x2f6b1c01;
const SEED_WORD = 0x51a7e302;
const SEED_BIGRAM = 0x7d3c9a03;
const SEED_SIGNAL = 0x1e4b6f04;
const SEED_STRING_VALUE = 0x3c8d2a05;

/**
 * Named signals: what Bouncer knows besides the text, and message-shape features. The description is
 * what the reasons for a score show. Ids are positions in this list: append, never reorder (or bump
 * FEATURE_VERSION).
 */
export const SIGNALS = [
  ["string.denied.domain", "contains a denied domain"],
  ["string.denied.url", "contains a denied link"],
  ["string.denied.phone", "contains a denied phone number"],
  ["string.denied.email", "contains a denied e-mail address"],
  ["string.allowed.domain", "contains an allowed domain"],
  ["string.allowed.url", "contains an allowed link"],
  ["string.allowed.phone", "contains an allowed phone number"],
  ["string.allowed.email", "contains an allowed e-mail address"],
  ["string.found.domain", "contains a domain"],
  ["string.found.url", "contains a link"],
  ["string.found.phone", "contains a phone number"],
  ["string.found.email", "contains an e-mail address"],
  ["string.disguised.domain", "disguised domain"],
  ["string.disguised.url", "disguised link"],
  ["string.disguised.phone", "disguised phone number"],
  ["string.disguised.email", "disguised e-mail address"],
  ["contact.new", "first message of a new contact"],
  ["sender.messages.0", "the sender's first message"],
  ["sender.messages.1-4", "the sender wrote 1–4 messages before"],
  ["sender.messages.5+", "the sender wrote 5 or more messages before"],
  ["sender.age.day", "sender first seen less than a day ago"],
  ["sender.age.week", "sender first seen less than a week ago"],
  ["sender.age.older", "sender known for over a week"],
  ["sender.spam-marked-before", "the sender was marked as spam before"],
  ["sender.live-chat-blocked", "the sender was blocked from live chat"],
  ["sender.banned-elsewhere", "the sender is banned on another channel"],
  ["shape.long-number", "a long number"],
  ["shape.money", "mentions an amount of money"],
  ["shape.capitals", "many capital letters"],
  ["shape.exclamations", "several exclamation marks"],
  ["shape.length.0", "a very short message"],
  ["shape.length.1", "a short message"],
  ["shape.length.2", "a medium-length message"],
  ["shape.length.3", "a long message"],
  ["shape.length.4", "a very long message"],
] as const;

export type SignalName = (typeof SIGNALS)[number][0];
const SIGNAL_ID = new Map<string, number>(SIGNALS.map(([name], id) => [name, id]));
const SIGNAL_HASH = SIGNALS.map(([name]) => hashString(SEED_SIGNAL, name));

export function signalId(name: SignalName): number {
  return SIGNAL_ID.get(name)!;
}

/** The bucket a named signal lands in (tests, and reading a model's weight for it). */
export function signalBucket(name: SignalName, bits = DEFAULT_FEATURE_OPTIONS.bits): number {
  return SIGNAL_HASH[signalId(name)]! >>> (32 - bits);
}

// ---------------------------------------------------------------------------------------------------
// Scratch state of the call in progress, reused by every call (no closures in the hot path either:
// they cost an allocation per call, and more under tsx, which names every function it creates).

let capacity = 0;
let rawIndex = new Int32Array(0);
let rawOrigin = new Int32Array(0);
let rawValue = new Float32Array(0);
let count = 0;
let pieceCap = 0;
let pieceKinds = new Int32Array(0);
let pieceA = new Int32Array(0);
let pieceB = new Int32Array(0);
let pieces = 0;
let shift = 12;
// Buckets already emitted in this call: open addressing over a table at least twice the size of the
// most features the call can emit, keyed by bucket + 1 (0 = empty). Small and cache-friendly.
let seen = new Int32Array(0);
let seenMask = 0;

function begin(features: number, pieceBound: number, bits: number): void {
  if (features > capacity) {
    capacity = Math.max(features, capacity * 2, 1024);
    rawIndex = new Int32Array(capacity);
    rawOrigin = new Int32Array(capacity);
    rawValue = new Float32Array(capacity);
  }
  if (pieceBound > pieceCap) {
    pieceCap = Math.max(pieceBound, pieceCap * 2, 256);
    pieceKinds = new Int32Array(pieceCap);
    pieceA = new Int32Array(pieceCap);
    pieceB = new Int32Array(pieceCap);
  }
  let size = 1024;
  while (size < features * 2) size *= 2;
  if (seen.length < size) seen = new Int32Array(size);
  else seen.fill(0, 0, size);
  seenMask = size - 1;
  count = 0;
  pieces = 0;
  shift = 32 - bits;
}

/** Records a feature once per call; a repeat is ignored (features are presence, not counts). */
function emit(bucket: number, origin: number): void {
  const key = bucket + 1;
  let at = (bucket ^ (bucket >>> 9)) & seenMask;
  for (;;) {
    const existing = seen[at]!;
    if (existing === key) return;
    if (existing === 0) break;
    at = (at + 1) & seenMask;
  }
  seen[at] = key;
  rawIndex[count] = bucket;
  rawOrigin[count] = origin;
  count++;
}

function addPiece(kind: number, a: number, b: number): number {
  pieceKinds[pieces] = kind;
  pieceA[pieces] = a;
  pieceB[pieces] = b;
  return pieces++;
}

function emitSignal(name: SignalName): void {
  const id = signalId(name);
  emit(SIGNAL_HASH[id]! >>> shift, addPiece(PieceKind.signal, id, 0));
}

// ---------------------------------------------------------------------------------------------------

const NON_ASCII = /[^\x00-\x7f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters and digits form words; for ASCII a table, beyond it Unicode's categories. */
function isWordCode(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogate halves (emoji and the like)
  return LETTER_OR_DIGIT.test(String.fromCharCode(code));
}

function isSpaceCode(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0xfeff
  );
}

function isCurrencyCode(code: number): boolean {
  return (
    code === 36 /* $ */ ||
    code === 0xa3 /* £ */ ||
    code === 0x20ac /* € */ ||
    code === 0xa5 /* ¥ */ ||
    code === 0x20b9 /* ₹ */
  );
}

/**
 * Lower-cased NFKC text (full-width and compatibility forms folded), cut to MAX_TEXT_CHARS before and
 * after: NFKC can expand a character up to 18 times ("ﷺ"), which must not multiply the cost.
 */
export function normalizeText(text: string): string {
  const cut = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  if (!NON_ASCII.test(cut)) return cut.toLowerCase();
  const folded = cut.normalize("NFKC").toLowerCase();
  return folded.length > MAX_TEXT_CHARS ? folded.slice(0, MAX_TEXT_CHARS) : folded;
}

/**
 * The features of one message. `explained` vectors share the module's scratch buffers for their
 * pieces: read them (reasons) before the next call. Feature arrays are fresh copies.
 */
export function extractFeatures(
  input: ClassifierInput,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): ExplainedFeatureVector {
  const original = input.text.length > MAX_TEXT_CHARS ? input.text.slice(0, MAX_TEXT_CHARS) : input.text;
  const text = normalizeText(input.text);
  const n = text.length;
  const strings = (input.spamStrings ?? []).slice(0, MAX_SPAM_STRINGS);
  const { charMin, charMax } = options;
  // Upper bounds: every position (and each chunk's leading space) starts at most
  // charMax - charMin + 1 n-grams and ends at most a word and a bigram; pieces are chunks and bigrams;
  // then signals and strings.
  begin(
    (n + 2) * (charMax - charMin + 4) + strings.length * 3 + SIGNALS.length + 8,
    2 * n + strings.length + SIGNALS.length + 8,
    options.bits,
  );

  // Text: chunks between whitespace; words (letter/digit runs) inside them.
  let previousWordHash = 0;
  let previousWordStart = -1;
  let longestDigitRun = 0;
  let hasCurrency = false;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const chunkStart = i;
    while (i < n && !isSpaceCode(text.charCodeAt(i))) i++;
    const chunkEnd = i;
    const chunkPiece = addPiece(PieceKind.chunk, chunkStart, chunkEnd);

    // Character n-grams of " chunk ", each hashed as it grows.
    for (let start = chunkStart - 1; start < chunkEnd; start++) {
      let h = SEED_CHAR;
      for (let len = 1; len <= charMax; len++) {
        const at = start + len - 1;
        if (at > chunkEnd) break;
        h = mixHash(h, at < chunkStart || at >= chunkEnd ? 32 : text.charCodeAt(at));
        if (len >= charMin) emit(finishHash(mixHash(h, len)) >>> shift, chunkPiece);
      }
    }

    // Words inside the chunk, and bigrams with the previous word (across chunks).
    let j = chunkStart;
    while (j < chunkEnd) {
      while (j < chunkEnd && !isWordCode(text.charCodeAt(j))) {
        if (isCurrencyCode(text.charCodeAt(j))) hasCurrency = true;
        j++;
      }
      if (j >= chunkEnd) break;
      const wordStart = j;
      let h = SEED_WORD;
      let digitRun = 0;
      while (j < chunkEnd && isWordCode(text.charCodeAt(j))) {
        const code = text.charCodeAt(j);
        h = mixHash(h, code);
        if (code >= 48 && code <= 57) {
          digitRun++;
          if (digitRun > longestDigitRun) longestDigitRun = digitRun;
        } else digitRun = 0;
        j++;
      }
      const wordHash = finishHash(mixHash(h, j - wordStart));
      emit(wordHash >>> shift, chunkPiece);
      if (options.wordBigrams && previousWordStart >= 0) {
        const bigram = finishHash(mixHash(mixHash(SEED_BIGRAM, previousWordHash), wordHash));
        emit(bigram >>> shift, addPiece(PieceKind.bigram, previousWordStart, j));
      }
      previousWordHash = wordHash;
      previousWordStart = wordStart;
    }
  }

  // Text features to unit length: long and short messages weigh alike.
  // Each text feature counts once (presence), however often it occurs.
  const textValue = options.normalize && count > 0 ? 1 / Math.sqrt(count) : 1;
  for (let k = 0; k < count; k++) rawValue[k] = textValue;
  const textFeatures = count;

  // Message shape.
  if (options.shapes) {
    if (longestDigitRun >= 5) emitSignal("shape.long-number");
    if (hasCurrency) emitSignal("shape.money");
    let letters = 0;
    let capitals = 0;
    let exclamations = 0;
    for (let k = 0; k < original.length; k++) {
      const code = original.charCodeAt(k);
      if (code >= 65 && code <= 90) {
        capitals++;
        letters++;
      } else if (code >= 97 && code <= 122) letters++;
      else if (code === 33) exclamations++;
    }
    if (letters >= 12 && capitals / letters >= 0.3) emitSignal("shape.capitals");
    if (exclamations >= 2) emitSignal("shape.exclamations");
    const length = input.text.length;
    emitSignal(
      length < 20
        ? "shape.length.0"
        : length < 60
          ? "shape.length.1"
          : length < 120
            ? "shape.length.2"
            : length < 200
              ? "shape.length.3"
              : "shape.length.4",
    );
  }

  // What Bouncer knows: spam strings and their list status, disguise, the sender.
  for (let s = 0; s < strings.length; s++) {
    const found = strings[s]!;
    const kind = found.kind;
    emitSignal(
      found.list === "deny"
        ? `string.denied.${kind}`
        : found.list === "allow"
          ? `string.allowed.${kind}`
          : `string.found.${kind}`,
    );
    if (found.obfuscated) emitSignal(`string.disguised.${kind}`);
    emit(hashString(SEED_STRING_VALUE, `${kind}:${found.value}`) >>> shift, addPiece(PieceKind.spamString, s, 0));
  }
  if (input.firstMessageFromNewContact) emitSignal("contact.new");
  const sender = input.sender;
  if (sender) {
    emitSignal(
      sender.earlierMessages === 0
        ? "sender.messages.0"
        : sender.earlierMessages < 5
          ? "sender.messages.1-4"
          : "sender.messages.5+",
    );
    if (sender.daysSinceFirstSeen !== undefined)
      emitSignal(
        sender.daysSinceFirstSeen < 1
          ? "sender.age.day"
          : sender.daysSinceFirstSeen < 7
            ? "sender.age.week"
            : "sender.age.older",
      );
    if ((sender.earlierSpamMarks ?? 0) > 0) emitSignal("sender.spam-marked-before");
    if ((sender.liveChatBlocks ?? 0) > 0) emitSignal("sender.live-chat-blocked");
    if ((sender.activeBans ?? 0) > 0) emitSignal("sender.banned-elsewhere");
  }
  // Signals and strings count once each, at full strength, whatever the text length.
  for (let k = textFeatures; k < count; k++) rawValue[k] = 1;

  return {
    length: count,
    indices: rawIndex.slice(0, count),
    values: rawValue.slice(0, count),
    origins: rawOrigin.slice(0, count),
    pieceCount: pieces,
    pieceKinds,
    pieceA,
    pieceB,
    text,
    spamStrings: strings,
  };
}
