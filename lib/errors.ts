// The two kinds of error: AppError is expected and user-facing (its message is shown as is, with an
// HTTP status and a stable snake_case code); anything else is a bug, logged and answered generically.
import { z } from "zod";

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
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

/** Parses `input` with `schema`, turning a failure into a 400 that names each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw InvalidInput.fromZod(result.error, what);
  return result.data;
}
