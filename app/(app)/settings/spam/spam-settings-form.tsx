"use client";

import { useForm } from "react-hook-form";
import { Field, TextInput } from "@/components/ui/field";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { submitToServer } from "@/components/ui/server-errors";
import { plural } from "@/lib/ui/plural";
import { updateSpamSettingsAction } from "./actions";

interface Settings {
  allowListCap: number;
  denyListCap: number;
  spamRetentionDays: number;
}

// The rules (caps 1–100000, retention 1–3650) are checked by the server's schema (lib/spam-manager/settings.ts,
// server-only); its field errors land on these fields. The browser's own min/max catch the obvious first.
export function SpamSettingsForm({ initial, usage }: { initial: Settings; usage: { allow: number; deny: number } }) {
  const form = useForm<Settings>({ defaultValues: initial });
  const { saved: isSaved, markSaved } = useSaved(form);
  const { errors } = form.formState;
  const [allowListCap, denyListCap] = form.watch(["allowListCap", "denyListCap"]);
  const over = (size: number, cap: number) => cap > 0 && size > cap;
  const overNote = (list: string, size: number) =>
    `The ${list} list holds ${plural(size, "string")}: they stay, but no new ones are added until it is below the cap.`;

  const onSubmit = form.handleSubmit(async (values) => {
    const saved = await submitToServer(form, () => updateSpamSettingsAction(values));
    if (saved) {
      form.reset({
        allowListCap: saved.allowListCap,
        denyListCap: saved.denyListCap,
        spamRetentionDays: saved.spamRetentionDays,
      });
      markSaved();
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Deny list cap"
          htmlFor="deny-cap"
          hint={`${plural(usage.deny, "string")} on the Deny list now.`}
          error={
            errors.denyListCap?.message ?? (over(usage.deny, denyListCap) ? overNote("Deny", usage.deny) : undefined)
          }
        >
          <TextInput
            id="deny-cap"
            type="number"
            min={1}
            max={100000}
            required
            {...form.register("denyListCap", { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Allow list cap"
          htmlFor="allow-cap"
          hint={`${plural(usage.allow, "string")} on the Allow list now.`}
          error={
            errors.allowListCap?.message ??
            (over(usage.allow, allowListCap) ? overNote("Allow", usage.allow) : undefined)
          }
        >
          <TextInput
            id="allow-cap"
            type="number"
            min={1}
            max={100000}
            required
            {...form.register("allowListCap", { valueAsNumber: true })}
          />
        </Field>
      </div>
      <Field
        label="Keep spam strings for (days)"
        htmlFor="retention-days"
        hint={
          "The string tabs and the Users tab show this many days. Older occurrences are purged every hour unless " +
          "their string is on a list; messages are never deleted."
        }
        error={errors.spamRetentionDays?.message}
      >
        <TextInput
          id="retention-days"
          type="number"
          min={1}
          max={3650}
          required
          className="sm:max-w-40"
          {...form.register("spamRetentionDays", { valueAsNumber: true })}
        />
      </Field>
      <SaveFooter control={form.control} saved={isSaved} />
    </form>
  );
}
