"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNote } from "@/components/ui/field";
import { Icon } from "@/components/icons";
import { formatCount, plural } from "@/lib/ui/plural";
import type { LabelledPerformance } from "@/lib/classifier/tenant-classifier";
import {
  SPAM_DETECTION_MODES,
  SPAM_DETECTION_MODE_LABELS,
  SPAM_THRESHOLD_CHOICES,
  type SpamDetectionModeName,
} from "@/lib/spam-detection/settings-schema";
import { updateSpamDetectionAction } from "./actions";

interface Settings {
  spamDetectionMode: SpamDetectionModeName;
  spamSuspectThreshold: number;
}

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 1000) / 10}%`);

export function SpamDetectionForm({ initial, measured }: { initial: Settings; measured: LabelledPerformance }) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const change = (patch: Partial<Settings>) => {
    setSaved(false);
    setValues((current) => ({ ...current, ...patch }));
  };
  const atThreshold = measured.thresholds.find((t) => t.threshold === values.spamSuspectThreshold);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await updateSpamDetectionAction(values);
      if (!result.ok) return setError(result.error.message);
      setValues(result.data);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-900">What to do with the scores</legend>
        <div className="space-y-2">
          {SPAM_DETECTION_MODES.map((mode) => (
            <label
              key={mode}
              className={[
                "flex cursor-pointer items-start gap-3 rounded-md border",
                "border-slate-200 p-3 has-[:checked]:border-brand-600",
                "has-[:checked]:bg-brand-50",
              ].join(" ")}
            >
              <input
                type="radio"
                name="spamDetectionMode"
                value={mode}
                checked={values.spamDetectionMode === mode}
                onChange={() => change({ spamDetectionMode: mode })}
                className="mt-1"
                data-testid={`spam-detection-mode-${mode}`}
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">
                  {SPAM_DETECTION_MODE_LABELS[mode].label}
                </span>
                <span className="block text-sm text-slate-600">{SPAM_DETECTION_MODE_LABELS[mode].description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div>
        <label htmlFor="spam-threshold" className="mb-1 block text-sm font-medium text-slate-900">
          Suspect a chat at a score of
        </label>
        <div className="flex flex-wrap items-center gap-3">
          <select
            id="spam-threshold"
            value={values.spamSuspectThreshold}
            onChange={(event) => change({ spamSuspectThreshold: Number(event.target.value) })}
            disabled={values.spamDetectionMode !== "suspect"}
            className={[
              "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm",
              "disabled:bg-slate-50 disabled:text-slate-400",
            ].join(" ")}
          >
            {SPAM_THRESHOLD_CHOICES.map((threshold) => (
              <option key={threshold} value={threshold}>
                {Math.round(threshold * 100)}% or more
              </option>
            ))}
          </select>
          <p data-testid="spam-threshold-measure" className="text-sm text-slate-600">
            {measured.labels === 0
              ? "No verdicts yet: precision and recall show here once your team marks, un-marks or dismisses."
              : `On your team’s ${plural(measured.labels, "verdict")}: ` +
                `precision ${percent(atThreshold?.precision ?? null)}, recall ${percent(atThreshold?.recall ?? null)}.`}
          </p>
        </div>
      </div>

      {measured.labels > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="mb-2 text-left text-sm text-slate-600">
              Each verdict was scored just before the model learned it ({formatCount(measured.spam)} spam,{" "}
              {formatCount(measured.ham)} not spam). Precision: of the chats it would suspect, the share that were spam.
              Recall: the share of spam it would suspect.
            </caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-4 font-medium">Score ≥</th>
                <th className="py-1 pr-4 font-medium">Precision</th>
                <th className="py-1 pr-4 font-medium">Recall</th>
                <th className="py-1 font-medium">Not spam held</th>
              </tr>
            </thead>
            <tbody>
              {measured.thresholds.map((row) => (
                <tr
                  key={row.threshold}
                  aria-current={row.threshold === values.spamSuspectThreshold ? "true" : undefined}
                  className="border-t border-slate-100 aria-[current=true]:bg-brand-50 aria-[current=true]:font-medium"
                >
                  <td className="py-1 pr-4 tabular-nums">{Math.round(row.threshold * 100)}%</td>
                  <td className="py-1 pr-4 tabular-nums">{percent(row.precision)}</td>
                  <td className="py-1 pr-4 tabular-nums">{percent(row.recall)}</td>
                  <td className="py-1 tabular-nums">{percent(row.blockedHam)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

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
