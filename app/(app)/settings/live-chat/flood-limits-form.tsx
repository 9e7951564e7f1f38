"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote, inputClass } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import type { FloodLimits } from "@/lib/live-chat/flood-limits";
import { updateFloodLimitsAction } from "./actions";

const ROWS = [
  { label: "New visitors", hint: "Chat windows opened by a browser we have not seen", perAddress: "liveChatNewVisitorsPerAddress", perTenant: "liveChatNewVisitorsPerTenant" },
  { label: "Queue entries", hint: "Visitors asking to talk to an agent", perAddress: "liveChatQueueEntriesPerAddress", perTenant: "liveChatQueueEntriesPerTenant" },
] as const;

export function FloodLimitsForm({ initial }: { initial: FloodLimits }) {
  const [values, setValues] = useState<Record<keyof FloodLimits, string>>(() => {
    const entries = Object.entries(initial).map(([key, value]) => [key, String(value)]);
    return Object.fromEntries(entries) as Record<keyof FloodLimits, string>;
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  function save() {
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const input = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim() === "" ? NaN : Number(value)]));
      const result = await updateFloodLimitsAction(input);
      if (!result.ok) return setError(result.error.message);
      setSaved(true);
    });
  }

  const field = (key: keyof FloodLimits, label: string) => (
    <input
      id={`flood-${key}`}
      aria-label={label}
      type="number"
      inputMode="numeric"
      min={1}
      required
      value={values[key]}
      onChange={(event) => {
        setSaved(false);
        setValues((current) => ({ ...current, [key]: event.target.value }));
      }}
      className={`${inputClass} w-full max-w-32 tabular-nums`}
    />
  );

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Limit</span>
              </th>
              <th scope="col" className="px-4 py-2">From one address, per 10 minutes</th>
              <th scope="col" className="px-4 py-2">From everyone, per minute</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="px-4 py-3 text-left align-top font-normal">
                  <div className="font-medium text-slate-900">{row.label}</div>
                  <div className="text-xs text-slate-500">{row.hint}</div>
                </th>
                <td className="px-4 py-3 align-top">{field(row.perAddress, `${row.label} from one address, per 10 minutes`)}</td>
                <td className="px-4 py-3 align-top">{field(row.perTenant, `${row.label} from everyone, per minute`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save flood limits"}
        </Button>
        {saved && (
          <span role="status" className="flex items-center gap-1 text-sm text-emerald-700">
            <Icon name="check" className="h-4 w-4" /> Saved
          </span>
        )}
      </div>
    </form>
  );
}
