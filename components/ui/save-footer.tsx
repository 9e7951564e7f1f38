"use client";
// The end of a settings form: the form's error, Save (Saving… while it runs) and "Saved" once the
// server has the values on screen. "Saved" goes as soon as a field changes, so it never claims more
// than is true. A form calls useSaved(form) and markSaved() after resetting to the saved values.
import { useEffect, useState } from "react";
import { useFormState, type Control, type FieldValues, type UseFormReturn } from "react-hook-form";
import { Icon } from "@/components/icons";
import { Button } from "./button";
import { ErrorNote } from "./field";

export function useSaved<T extends FieldValues>(form: Pick<UseFormReturn<T>, "watch">) {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const subscription = form.watch(() => setSaved(false));
    return () => subscription.unsubscribe();
  }, [form]);
  return { saved, markSaved: () => setSaved(true) };
}

export function SaveFooter<T extends FieldValues>({
  control,
  saved: savedNow,
  label = "Save",
  savedText = "Saved",
  disabled = false,
}: {
  control: Control<T>;
  saved: boolean;
  label?: string;
  savedText?: React.ReactNode;
  /** The values on screen cannot be right (a time zone that does not exist): say why beside the field. */
  disabled?: boolean;
}) {
  const { isSubmitting, errors } = useFormState({ control });
  const failure = errors.root?.server?.message;
  const saved = savedNow && !isSubmitting && !failure;
  return (
    <>
      {failure && <ErrorNote>{failure}</ErrorNote>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={isSubmitting || disabled}>
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
