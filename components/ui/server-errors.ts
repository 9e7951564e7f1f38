// Server field errors onto form fields: a server action answers { ok: false, error } where
// error.details.fields lists { field: "audience.1.value", message } (InvalidInput.fromZod in
// lib/errors.ts). This is the one place that puts them on the react-hook-form fields they name.
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";

export interface ServerError {
  message: string;
  details?: unknown;
}

export const SOME_FIELDS_NEED_ATTENTION = "Some fields need your attention.";

function fieldProblems(error: ServerError): Array<{ field: string; message: string }> {
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (f): f is { field: string; message: string } => typeof f?.field === "string" && typeof f?.message === "string",
  );
}

/**
 * Each problem the server names goes on its field; the form's root error (`errors.root.server`)
 * says what is left: a pointer to the fields when all found a place, or the server's message.
 * `fieldOf` maps a server path to the form's own path where the form is shaped differently
 * (null: the form has no such field).
 */
export function setServerErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "setError" | "getValues">,
  error: ServerError,
  fieldOf: (serverPath: string) => FieldPath<T> | null = (path) => path as FieldPath<T>,
): void {
  const problems = fieldProblems(error);
  let placed = 0;
  for (const problem of problems) {
    const path = fieldOf(problem.field);
    if (path === null || form.getValues(path) === undefined) continue;
    form.setError(path, { type: "server", message: problem.message }, { shouldFocus: placed === 0 });
    placed++;
  }
  form.setError("root.server", {
    type: "server",
    message: placed > 0 && placed === problems.length ? SOME_FIELDS_NEED_ATTENTION : error.message,
  });
}

/**
 * Runs a server action from a form's submit handler: answers its data, or puts its errors on the form and answers null.
 */
export async function submitToServer<T extends FieldValues, D>(
  form: Pick<UseFormReturn<T>, "setError" | "getValues">,
  action: () => Promise<{ ok: true; data: D } | { ok: false; error: ServerError }>,
  fieldOf?: (serverPath: string) => FieldPath<T> | null,
): Promise<D | null> {
  const result = await action().catch(() => ({
    ok: false as const,
    error: { message: "Something went wrong on our side. Try again." },
  }));
  if (result.ok) return result.data;
  setServerErrors(form, result.error, fieldOf);
  return null;
}
