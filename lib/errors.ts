// The two kinds of error: AppError is expected and user-facing (its message is shown as is, with an
// HTTP status and a stable snake_case code); anything else is a bug, logged and answered generically.
import { z } from "zod";
import { exceedsDepth, fieldName, findNul, MAX_INPUT_DEPTH, wellFormed, withoutNul } from "@/lib/text-input";

/**
 * An answer the caller gets in the API's error shape (4xx): expected, not a bug, so it carries no stack trace.
 * Capturing one was 6 % of a refused request's CPU, and a flood of refused requests (no key, bad payloads) is
 * what an attacker sends most cheaply.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.status = status;
    this.code = code;
    this.details = details;
    this.name = new.target.name;
  }
}

export class InvalidInput extends AppError {
  constructor(message: string, details?: unknown, code = "invalid_input") {
    super(400, code, message, details);
  }
  static fromZod(error: z.ZodError, what = "input"): InvalidInput {
    const fields = error.issues.map((issue) => ({
      field: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    }));
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
    return new InvalidInput(`Invalid ${what}: ${summary}`, { fields });
  }
}

export class Unauthenticated extends AppError {
  constructor(message = "Sign in or pass a valid API key.") {
    super(401, "unauthenticated", message);
  }
}

export class Forbidden extends AppError {
  constructor(message = "You are not allowed to do that.", code = "forbidden") {
    super(403, code, message);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super(404, "not_found", `${what[0]!.toUpperCase()}${what.slice(1)} not found.`);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "rate_limited", `Too many requests; retry in ${retryAfterSeconds} s.`);
  }
}

export class PayloadTooLarge extends AppError {
  constructor(readonly limitBytes: number) {
    super(
      413,
      "payload_too_large",
      `The request body is larger than ${formatBytes(limitBytes)}, the limit for this endpoint.`,
      { limitBytes },
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : bytes % 1024 === 0
      ? `${bytes / 1024} KB`
      : `${bytes} bytes`;
}

/** A 400 for input nested deeper than any of our schemas goes (z.json and JSON.stringify recurse). */
export function tooDeeplyNested(what = "input"): InvalidInput {
  const message = `nested more than ${MAX_INPUT_DEPTH} levels deep`;
  return new InvalidInput(`Invalid ${what}: ${message}.`, { fields: [{ field: "(body)", message }] });
}

/** A 400 naming the field whose text holds a NUL (PostgreSQL stores no NUL in text). */
export function nulNotAllowed(field: string, what = "input"): InvalidInput {
  const message = "must not contain NUL characters (\\u0000)";
  return new InvalidInput(`Invalid ${what}: ${field}: ${message}`, { fields: [{ field, message }] });
}

export interface ParseInputOptions {
  /**
   * "strip": NUL characters are removed before parsing — incoming messages, which are never refused for them. Default
   * "refuse".
   */
  nul?: "refuse" | "strip";
}

/**
 * Parses `input` with `schema`, turning a failure into a 400 that names each bad field. Whatever the
 * schema, the text rules of lib/text-input.ts apply: too deep → 400, NUL → 400 naming the field (or
 * removed, with `nul: "strip"`), lone surrogates → U+FFFD.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what?: string,
  options: ParseInputOptions = {},
): z.infer<S> {
  if (exceedsDepth(input)) throw tooDeeplyNested(what);
  const result = schema.safeParse(options.nul === "strip" ? withoutNul(input) : input);
  if (!result.success) throw InvalidInput.fromZod(result.error, what);
  const nulAt = findNul(result.data);
  if (nulAt) throw nulNotAllowed(fieldName(nulAt), what);
  return wellFormed(result.data);
}
