// Server actions answer { ok, data } or { ok: false, error } instead of throwing, so the UI can show
// expected errors (AppError messages) and a generic message for bugs.
import "server-only";
import { AppError } from "@/lib/errors";

export type ActionError = { code: string; message: string; details?: unknown };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export async function toActionResult<T>(run: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    }
    console.error("[action] unexpected error:", error);
    return { ok: false, error: { code: "internal_error", message: "Something went wrong on our side. Try again." } };
  }
}
