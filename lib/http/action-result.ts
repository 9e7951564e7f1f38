// Server actions answer { ok, data } or { ok: false, error } instead of throwing, so the UI can show
// expected errors (AppError messages) and a generic message for bugs.
import "server-only";
import { AppError, nulNotAllowed } from "@/lib/errors";
import { isNulTextError } from "@/lib/db/errors";

export type ActionError = { code: string; message: string; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export async function toActionResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    }
    // An id or text with a NUL that reached the database without a schema (lib/db/errors.ts): bad input, not a bug.
    if (isNulTextError(error)) {
      const invalid = nulNotAllowed("(input)");
      return { ok: false, error: { code: invalid.code, message: invalid.message, details: invalid.details } };
    }
    console.error("[action] unexpected error:", error);
    return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side. Try again." } };
  }
}
