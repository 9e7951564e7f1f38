"use client";

import { useForm } from "react-hook-form";
import { Field, Select } from "@/components/ui/field";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { submitToServer } from "@/components/ui/server-errors";
import type { PhoneRegionOption } from "@/lib/tenant-settings/phone-regions";
import { updateGeneralSettingsAction } from "./actions";

interface Settings {
  defaultPhoneRegion: string;
}

export function GeneralSettingsForm({ initial, regions }: { initial: Settings; regions: PhoneRegionOption[] }) {
  const form = useForm<Settings>({ defaultValues: initial });
  const { saved: isSaved, markSaved } = useSaved(form);
  const selected = regions.find((r) => r.code === form.watch("defaultPhoneRegion"));

  const onSubmit = form.handleSubmit(async (values) => {
    const saved = await submitToServer(form, () => updateGeneralSettingsAction(values));
    if (saved) {
      form.reset({ defaultPhoneRegion: saved.defaultPhoneRegion });
      markSaved();
    }
  });

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <Field
        label="Default phone region"
        htmlFor="default-phone-region"
        hint={
          "Phone numbers written without a +country code are read as numbers of this region" +
          (selected ? ` (${selected.callingCode})` : "") +
          ": senders on phone channels, numbers added to the Blacklist, and phone numbers the Spam Manager finds in " +
          "messages. Numbers already stored keep their form."
        }
        error={form.formState.errors.defaultPhoneRegion?.message}
      >
        <Select id="default-phone-region" className="sm:max-w-md" {...form.register("defaultPhoneRegion")}>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name} ({r.callingCode}) · {r.code}
            </option>
          ))}
        </Select>
      </Field>
      <SaveFooter control={form.control} saved={isSaved} />
    </form>
  );
}
