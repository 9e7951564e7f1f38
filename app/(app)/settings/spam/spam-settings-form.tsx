"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, TextInput } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { plural } from "@/lib/ui/plural";
import { updateSpamSettingsAction } from "./actions";

interface Settings {
  allowListCap: number;
  denyListCap: number;
  spamRetentionDays: number;
}

export function SpamSettingsForm({ initial, usage }: { initial: Settings; usage: { allow: number; deny: number } }) {
  const [values, setValues] = useState({ allowListCap: String(initial.allowListCap), denyListCap: String(initial.denyListCap), spamRetentionDays: String(initial.spamRetentionDays) });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setValues((current) => ({ ...current, [key]: event.target.value }));
  };
  const below = (size: number, cap: string) => Number(cap) > 0 && size > Number(cap);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateSpamSettingsAction({
        allowListCap: Number(values.allowListCap),
        denyListCap: Number(values.denyListCap),
        spamRetentionDays: Number(values.spamRetentionDays),
      });
      if (!result.ok) return setError(result.error.message);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Deny list cap"
          htmlFor="deny-cap"
          hint={below(usage.deny, values.denyListCap) ? undefined : `${plural(usage.deny, "string")} on the Deny list now.`}
          error={below(usage.deny, values.denyListCap) ? `The Deny list holds ${plural(usage.deny, "string")}: they stay, but no new ones are added until it is below the cap.` : undefined}
        >
          <TextInput id="deny-cap" type="number" min={1} max={100000} value={values.denyListCap} onChange={set("denyListCap")} required />
        </Field>
        <Field
          label="Allow list cap"
          htmlFor="allow-cap"
          hint={below(usage.allow, values.allowListCap) ? undefined : `${plural(usage.allow, "string")} on the Allow list now.`}
          error={below(usage.allow, values.allowListCap) ? `The Allow list holds ${plural(usage.allow, "string")}: they stay, but no new ones are added until it is below the cap.` : undefined}
        >
          <TextInput id="allow-cap" type="number" min={1} max={100000} value={values.allowListCap} onChange={set("allowListCap")} required />
        </Field>
      </div>
      <Field
        label="Keep spam strings for (days)"
        htmlFor="retention-days"
        hint="The string tabs and the Users tab show this many days. Older occurrences are purged every hour unless their string is on a list; messages are never deleted."
      >
        <TextInput id="retention-days" type="number" min={1} max={3650} value={values.spamRetentionDays} onChange={set("spamRetentionDays")} required className="sm:max-w-40" />
      </Field>
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {saved && (
          <span role="status" className="inline-flex items-center gap-1 text-sm text-emerald-700">
            <Icon name="check" className="h-4 w-4" /> Saved
          </span>
        )}
      </div>
    </form>
  );
}
