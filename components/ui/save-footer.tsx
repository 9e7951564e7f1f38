"use client";
// The end of a settings form: the form's error, Save (Saving… while it runs) and "Saved" once the
// server has the values on screen. "Saved" goes as soon as a field differs from what was saved, so it
// never claims more than is true. Forms reset to the saved values on success (form.reset(saved)).
import { useFormState, type Control, type FieldValues } from "react-hook-form";
import { Icon } from "@/components/icons";
import { Button } from "./button";
import { ErrorNote } from "./field";

export function SaveFooter<T extends FieldValues>({ control, label = "Save", savedText = "Saved" }: { control: Control<T>; label?: string; savedText?: React.ReactNode }) {
  const { isSubmitting, isSubmitSuccessful, isDirty, errors } = useFormState({ control });
  const failure = errors.root?.server?.message;
  const saved = isSubmitSuccessful && !isDirty && Object.keys(errors).length === 0;
  return (
    <>
      {failure && <ErrorNote>{failure}</ErrorNote>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : label}
        </Button>
        {saved && (
          <span role="status" className="inline-flex items-center gap-1 text-sm text-emerald-700">
            <Icon name="check" className="h-4 w-4" /> {savedText}
          </span>
        )}
      </div>
    </>
  );
}
