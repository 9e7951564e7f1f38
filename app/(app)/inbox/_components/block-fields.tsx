"use client";
// The live-chat block's parameters, shared by the end-of-chat dialog and "Block from live chat…":
// a period (presets 1 h / 24 h / 7 days / 30 days, or custom minutes), a required reason, and
// "save to chat activity data". Validated with the API's own schema.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  BLOCK_PRESETS,
  blockInputSchema,
  describeMinutes,
  MAX_BLOCK_MINUTES,
  MAX_BLOCK_REASON,
  type ParsedBlockInput,
} from "@/lib/live-chat/block-schemas";
import { liveChatBlockDefaultsAction } from "@/app/(app)/inbox/live-chat-actions";

export interface BlockDraft {
  preset: number | "custom";
  customMinutes: string;
  reason: string;
  save: boolean;
}

export function draftFor(minutes: number): BlockDraft {
  const preset = BLOCK_PRESETS.find((p) => p.minutes === minutes);
  return { preset: preset ? preset.minutes : "custom", customMinutes: String(minutes), reason: "", save: false };
}

/**
 * The dialog's first values: the tenant's default period (Settings → Live chat), else 24 hours. The default is
 * read when the dialog opens and applies only while the agent has changed nothing: a period picked before it
 * arrives (a quick click on a busy server) is the agent's, never replaced.
 */
export function useBlockDraft(open: boolean): [BlockDraft, (draft: BlockDraft) => void] {
  const [draft, setDraftState] = useState<BlockDraft>(() => draftFor(1440));
  const touched = useRef(false);
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    touched.current = false;
    setDraftState(draftFor(1440));
    void liveChatBlockDefaultsAction().then((result) => {
      if (!cancelled && result.ok && !touched.current) setDraftState(draftFor(result.data.minutes));
    });
    return () => {
      cancelled = true;
    };
  }, [open]);
  const setDraft = useCallback((next: BlockDraft) => {
    touched.current = true;
    setDraftState(next);
  }, []);
  return [draft, setDraft];
}

export function parseBlockDraft(
  draft: BlockDraft,
): { ok: true; input: ParsedBlockInput } | { ok: false; errors: Partial<Record<"minutes" | "reason", string>> } {
  const minutes = draft.preset === "custom" ? Number(draft.customMinutes) : draft.preset;
  const result = blockInputSchema.safeParse({
    BlockIntervalMinutes: draft.preset === "custom" && !draft.customMinutes.trim() ? Number.NaN : minutes,
    BlockReason: draft.reason,
    SaveToChatActivityData: draft.save,
  });
  if (result.success) return { ok: true, input: result.data };
  const errors: Partial<Record<"minutes" | "reason", string>> = {};
  for (const issue of result.error.issues) {
    if (issue.path[0] === "BlockIntervalMinutes") errors.minutes = `Minutes ${issue.message}.`;
    if (issue.path[0] === "BlockReason")
      errors.reason =
        issue.message === "is required" ? "Give a reason: it is kept with the block." : `The reason ${issue.message}.`;
  }
  return { ok: false, errors };
}

export function BlockFields({
  draft,
  onChange,
  errors,
  authenticated,
  idPrefix,
}: {
  draft: BlockDraft;
  onChange(draft: BlockDraft): void;
  errors: Partial<Record<"minutes" | "reason", string>>;
  /** null while the user card is loading. */
  authenticated: boolean | null;
  idPrefix: string;
}) {
  const customMinutes = Number(draft.customMinutes);
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Block for</legend>
        <div className="mt-1.5 grid grid-cols-3 gap-1.5 sm:grid-cols-5" role="radiogroup" aria-label="Block period">
          {[
            ...BLOCK_PRESETS.map((p) => ({ value: p.minutes as number | "custom", label: p.label })),
            { value: "custom" as const, label: "Custom" },
          ].map((option) => (
            <label
              key={String(option.value)}
              className={[
                "flex cursor-pointer items-center justify-center rounded-md border",
                "border-slate-300 px-2 py-1.5 text-center text-sm text-slate-700",
                "has-checked:border-brand-600 has-checked:bg-brand-50",
                "has-checked:font-medium has-checked:text-brand-700",
                "has-focus-visible:ring-2 has-focus-visible:ring-brand-500",
              ].join(" ")}
            >
              <input
                type="radio"
                name={`${idPrefix}-period`}
                className="sr-only"
                checked={draft.preset === option.value}
                onChange={() => onChange({ ...draft, preset: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
        {draft.preset === "custom" && (
          <div className="mt-2 flex items-center gap-2">
            <label htmlFor={`${idPrefix}-minutes`} className="text-sm text-slate-600">
              Minutes
            </label>
            <input
              id={`${idPrefix}-minutes`}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_BLOCK_MINUTES}
              step={1}
              autoFocus
              value={draft.customMinutes}
              onChange={(event) => onChange({ ...draft, customMinutes: event.target.value })}
              aria-invalid={errors.minutes ? true : undefined}
              className="w-32 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            />
            {Number.isInteger(customMinutes) && customMinutes >= 1 && customMinutes <= MAX_BLOCK_MINUTES && (
              <span className="text-xs text-slate-500">= {describeMinutes(customMinutes)}</span>
            )}
          </div>
        )}
        {errors.minutes && <p className="mt-1 text-xs text-red-600">{errors.minutes}</p>}
      </fieldset>

      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-reason`} className="block text-sm font-medium text-slate-700">
          Reason <span className="font-normal text-slate-500">(required; never shown to the user)</span>
        </label>
        <textarea
          id={`${idPrefix}-reason`}
          rows={2}
          maxLength={MAX_BLOCK_REASON}
          value={draft.reason}
          onChange={(event) => onChange({ ...draft, reason: event.target.value })}
          aria-invalid={errors.reason ? true : undefined}
          placeholder="e.g. Insulted the agent, posted spam links"
          className={[
            "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm",
            "focus:border-brand-500 focus:outline-none",
          ].join(" ")}
        />
        {errors.reason && <p className="text-xs text-red-600">{errors.reason}</p>}
      </div>

      {authenticated !== false && (
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={draft.save}
            onChange={(event) => onChange({ ...draft, save: event.target.checked })}
            className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
          />
          <span>
            Save to chat activity data
            <span className="block text-xs text-slate-500">
              Stores LiveChatBlockedUntil, reason, time and your email on the user, for flows to read.
            </span>
          </span>
        </label>
      )}
      <p className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600">
        {authenticated === false
          ? "Not a signed-in user: the block applies to this chat only. Their messages are still received."
          : authenticated
            ? "Signed-in user: added to the Live Chat Blacklist, in every chat. Their messages are still received."
            : "Signed-in users go on the Live Chat Blacklist; anyone else is blocked in this chat only."}
      </p>
    </div>
  );
}
