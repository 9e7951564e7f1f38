"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote, Field, Select } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import type { PhoneRegionOption } from "@/lib/tenant-settings/phone-regions";
import { updateGeneralSettingsAction } from "./actions";

interface Settings {
  defaultPhoneRegion: string;
}

export function GeneralSettingsForm({ initial, regions }: { initial: Settings; regions: PhoneRegionOption[] }) {
  const [region, setRegion] = useState(initial.defaultPhoneRegion);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const selected = regions.find((r) => r.code === region);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateGeneralSettingsAction({ defaultPhoneRegion: region });
      if (!result.ok) return setError(result.error.message);
      setRegion(result.data.defaultPhoneRegion);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <Field
        label="Default phone region"
        htmlFor="default-phone-region"
        hint={`Phone numbers written without a +country code are read as numbers of this region${selected ? ` (${selected.callingCode})` : ""}: senders on phone channels, numbers added to the Blacklist, and phone numbers the Spam Manager finds in messages. Numbers already stored keep their form.`}
      >
        <Select
          id="default-phone-region"
          value={region}
          onChange={(event) => {
            setSaved(false);
            setRegion(event.target.value);
          }}
          className="sm:max-w-md"
        >
          {regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name} ({r.callingCode}) · {r.code}
            </option>
          ))}
        </Select>
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
