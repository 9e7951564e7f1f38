"use client";

import { useState } from "react";
import { Select, TextInput } from "@/components/ui/field";
import { useNow } from "@/components/local-time";

const PRESETS = [
  { value: "", label: "Never (until deactivated)" },
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "custom", label: "Until a date…" },
] as const;

/** Ban expiry: a preset number of days, a chosen date, or none. Reports an ISO time or null. */
export function ExpirySelect({ id, onChange }: { id: string; onChange(expiresAt: string | null): void }) {
  const [preset, setPreset] = useState("");
  const [date, setDate] = useState("");
  const now = useNow();
  const emit = (nextPreset: string, nextDate: string) => {
    if (nextPreset === "custom") onChange(nextDate ? new Date(`${nextDate}T23:59:59`).toISOString() : null);
    else onChange(nextPreset ? new Date(Date.now() + Number(nextPreset) * 86_400_000).toISOString() : null);
  };
  return (
    <div className="flex flex-wrap gap-2">
      <Select
        id={id}
        value={preset}
        onChange={(e) => {
          setPreset(e.target.value);
          emit(e.target.value, date);
        }}
        className="w-auto min-w-48 flex-1"
      >
        {PRESETS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </Select>
      {preset === "custom" && (
        <TextInput
          type="date"
          aria-label="Ban until"
          min={now === null ? undefined : new Date(now + 86_400_000).toISOString().slice(0, 10)}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            emit(preset, e.target.value);
          }}
          className="w-auto"
        />
      )}
    </div>
  );
}
