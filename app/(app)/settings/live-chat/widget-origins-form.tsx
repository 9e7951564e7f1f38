"use client";
// Settings → Live chat → where the widget may be embedded: the sites allowed to frame it (and to open
// its socket from their pages). Empty = any site.
import { useForm } from "react-hook-form";
import { Field, TextArea } from "@/components/ui/field";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { updateWidgetOriginsAction } from "./actions";

type FieldError = { field: string; message: string };

/** "shop.example.com: must be an origin such as …" rather than the API's field path. */
function describeError(error: { message: string; details?: unknown }, origins: string[]): string {
  const fields = (error.details as { fields?: FieldError[] } | undefined)?.fields ?? [];
  const lines = fields.map((f) => {
    const index = /^widgetAllowedOrigins\.(\d+)$/.exec(f.field)?.[1];
    return index === undefined ? f.message : `${origins[Number(index)]}: ${f.message}`;
  });
  return lines.length ? lines.join("; ") : error.message;
}

function originsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

export function WidgetOriginsForm({ initial }: { initial: string[] }) {
  // The value starts in the page (defaultValue), not in useForm: react-hook-form reads a field's first
  // value from the DOM when it registers it, so what was typed before hydration is kept, not reset.
  const form = useForm<{ origins: string }>();
  const { saved: isSaved, markSaved } = useSaved(form);
  const savedCount = originsOf(form.watch("origins") ?? "").length;

  const onSubmit = form.handleSubmit(async ({ origins: text }) => {
    const origins = originsOf(text);
    const result = await updateWidgetOriginsAction({ widgetAllowedOrigins: origins }).catch(() => null);
    // One text box holds every origin: the error names the origin rather than the API's field path.
    if (!result?.ok)
      return form.setError("root.server", {
        message: result ? describeError(result.error, origins) : "Something went wrong on our side. Try again.",
      });
    form.reset({ origins: result.data.widgetAllowedOrigins.join("\n") });
    markSaved();
  });

  return (
    <form className="space-y-3" onSubmit={onSubmit}>
      <Field
        label="Sites that may embed the widget"
        htmlFor="widget-origins"
        hint={
          "One origin per line, e.g. https://shop.example.com or https://*.example.com for its subdomains. Empty: " +
          "any site may embed it."
        }
      >
        <TextArea
          id="widget-origins"
          rows={3}
          placeholder={"https://shop.example.com\nhttps://*.example.com"}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          defaultValue={initial.join("\n")}
          {...form.register("origins")}
        />
      </Field>
      <SaveFooter
        control={form.control}
        saved={isSaved}
        label="Save sites"
        savedText={
          savedCount
            ? `Saved: the widget may be embedded on ${savedCount === 1 ? "1 site" : `${savedCount} sites`}.`
            : "Saved: any site may embed the widget."
        }
      />
    </form>
  );
}
