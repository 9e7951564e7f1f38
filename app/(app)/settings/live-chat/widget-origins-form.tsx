"use client";
// Settings → Live chat → where the widget may be embedded: the sites allowed to frame it (and to open
// its socket from their pages). Empty = any site.
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, TextArea } from "@/components/ui/field";
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

export function WidgetOriginsForm({ initial }: { initial: string[] }) {
  const [text, setText] = useState(initial.join("\n"));
  const [saved, setSaved] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function save() {
    setError(null);
    setSaved(null);
    const origins = text
      .split(/[\s,]+/)
      .map((line) => line.trim())
      .filter(Boolean);
    startTransition(async () => {
      const result = await updateWidgetOriginsAction({ widgetAllowedOrigins: origins });
      if (!result.ok) return setError(describeError(result.error, origins));
      setText(result.data.widgetAllowedOrigins.join("\n"));
      setSaved(result.data.widgetAllowedOrigins);
    });
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Field
        label="Sites that may embed the widget"
        htmlFor="widget-origins"
        hint="One origin per line, e.g. https://shop.example.com or https://*.example.com for its subdomains. Empty: any site may embed it."
      >
        <TextArea
          id="widget-origins"
          rows={3}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(null);
          }}
          placeholder={"https://shop.example.com\nhttps://*.example.com"}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
        />
      </Field>
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save sites"}
        </Button>
        {saved && (
          <p role="status" className="text-sm text-emerald-700">
            Saved: {saved.length ? `the widget may be embedded on ${saved.length === 1 ? "1 site" : `${saved.length} sites`}.` : "any site may embed the widget."}
          </p>
        )}
      </div>
    </form>
  );
}
