"use client";

import { useForm } from "react-hook-form";
import { inputClass } from "@/components/ui/field";
import { SaveFooter, useSaved } from "@/components/ui/save-footer";
import { submitToServer } from "@/components/ui/server-errors";
import type { FloodLimits } from "@/lib/live-chat/flood-limits";
import { updateFloodLimitsAction } from "./actions";

const ROWS = [
  {
    label: "New visitors",
    hint: "Chat windows opened by a browser we have not seen",
    perAddress: "liveChatNewVisitorsPerAddress",
    perTenant: "liveChatNewVisitorsPerTenant",
  },
  {
    label: "Queue entries",
    hint: "Visitors asking to talk to an agent",
    perAddress: "liveChatQueueEntriesPerAddress",
    perTenant: "liveChatQueueEntriesPerTenant",
  },
] as const;

export function FloodLimitsForm({ initial }: { initial: FloodLimits }) {
  // The values start in the page (defaultValue), not in useForm: react-hook-form reads a field's first
  // value from the DOM when it registers it, so what was typed before hydration is kept, not reset.
  const form = useForm<FloodLimits>();
  const { saved: isSaved, markSaved } = useSaved(form);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const saved = await submitToServer(form, () => updateFloodLimitsAction(values));
    if (saved) {
      form.reset(saved);
      markSaved();
    }
  });

  const field = (key: keyof FloodLimits, label: string) => (
    <>
      <input
        id={`flood-${key}`}
        aria-label={label}
        type="number"
        inputMode="numeric"
        min={1}
        required
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `flood-${key}-error` : undefined}
        defaultValue={initial[key]}
        {...form.register(key, { valueAsNumber: true })}
        className={`${inputClass} w-full max-w-32 tabular-nums`}
      />
      {errors[key] && (
        <p id={`flood-${key}-error`} className="mt-1 text-xs text-red-600">
          {errors[key].message}
        </p>
      )}
    </>
  );

  return (
    <form className="space-y-4" onSubmit={onSubmit}>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Limit</span>
              </th>
              <th scope="col" className="px-4 py-2">
                From one address, per 10 minutes
              </th>
              <th scope="col" className="px-4 py-2">
                From everyone, per minute
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="px-4 py-3 text-left align-top font-normal">
                  <div className="font-medium text-slate-900">{row.label}</div>
                  <div className="text-xs text-slate-500">{row.hint}</div>
                </th>
                <td className="px-4 py-3 align-top">
                  {field(row.perAddress, `${row.label} from one address, per 10 minutes`)}
                </td>
                <td className="px-4 py-3 align-top">
                  {field(row.perTenant, `${row.label} from everyone, per minute`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SaveFooter control={form.control} saved={isSaved} label="Save flood limits" />
    </form>
  );
}
