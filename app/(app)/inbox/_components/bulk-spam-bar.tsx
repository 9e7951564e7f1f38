"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/icons";
import { bulkDismissSpamSuspicionsAction, bulkSetSpamMarksAction } from "@/app/(app)/inbox/actions";
import type { InboxDispatch, InboxView } from "./inbox-state";
import { plural } from "@/lib/ui/plural";

/** Mark or un-mark the users of the ticked conversations, then say what happened. */
export function BulkSpamBar({ state, dispatch }: { state: InboxView; dispatch: InboxDispatch }) {
  const [pending, startTransition] = useTransition();
  const [summary, setSummary] = useState<string | null>(null);
  const count = state.checked.length;
  if (!count && !summary) return null;

  function run(spam: boolean) {
    setSummary(null);
    startTransition(async () => {
      const result = await bulkSetSpamMarksAction(state.checked, spam);
      if (!result.ok) return setSummary(result.error.message);
      const { contacts, failed, notFound } = result.data;
      const changed = contacts.filter((c) => c.changed).length;
      const parts = [
        `${plural(changed, "user")} ${spam ? "marked as spam" : "un-marked"}`,
        contacts.length - changed ? `${contacts.length - changed} already ${spam ? "marked" : "not marked"}` : null,
        failed.length ? `${failed.length} failed (${failed.map((f) => `${f.name}: ${f.error}`).join("; ")})` : null,
        notFound.length ? `${notFound.length} no longer visible` : null,
      ].filter(Boolean);
      setSummary(parts.join(", ") + ".");
      dispatch({ type: "checked.cleared" });
    });
  }

  function dismiss() {
    setSummary(null);
    startTransition(async () => {
      const result = await bulkDismissSpamSuspicionsAction(state.checked);
      if (!result.ok) return setSummary(result.error.message);
      const { dismissed, unchanged, failed, notFound } = result.data;
      const parts = [
        `${plural(dismissed, "chat")} dismissed as not spam`,
        unchanged ? `${unchanged} no longer suspected` : null,
        failed.length ? `${failed.length} failed` : null,
        notFound.length ? `${notFound.length} no longer visible` : null,
      ].filter(Boolean);
      setSummary(parts.join(", ") + ".");
      dispatch({ type: "checked.cleared" });
    });
  }

  if (!count) {
    return (
      <div
        className="flex items-start gap-2 border-b border-brand-100 bg-brand-50 px-3 py-2 text-xs text-slate-700"
        role="status"
      >
        <span className="flex-1">{summary}</span>
        <button
          type="button"
          onClick={() => setSummary(null)}
          aria-label="Dismiss"
          className="text-slate-500 hover:text-slate-800"
        >
          <Icon name="close" className="h-4 w-4" />
        </button>
      </div>
    );
  }
  return (
    <div className="border-b border-brand-100 bg-brand-50 px-3 py-2" role="region" aria-label="Bulk actions">
      {/* Two rows that never wrap mid-way: what is selected (and Clear), then what to do with it. */}
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium">{count} selected</span>
        <Button
          size="sm"
          variant="ghost"
          disabled={pending}
          onClick={() => dispatch({ type: "checked.cleared" })}
          className="whitespace-nowrap"
        >
          Clear
        </Button>
      </div>
      {state.list === "suspected" ? (
        // Confirming a suspicion is marking the user as spam; dismissing says it is not spam.
        <div className="mt-1.5 flex items-center gap-2">
          <Button size="sm" variant="danger" disabled={pending} onClick={() => run(true)} className="whitespace-nowrap">
            <Icon name="flag" className="h-3.5 w-3.5" /> Confirm spam
          </Button>
          <Button size="sm" disabled={pending} onClick={dismiss} className="whitespace-nowrap">
            <Icon name="check" className="h-3.5 w-3.5" /> Not spam
          </Button>
        </div>
      ) : (
        <div className="mt-1.5 flex items-center gap-2">
          <Button size="sm" variant="danger" disabled={pending} onClick={() => run(true)} className="whitespace-nowrap">
            <Icon name="flag" className="h-3.5 w-3.5" /> Mark users as spam
          </Button>
          <Button size="sm" disabled={pending} onClick={() => run(false)} className="whitespace-nowrap">
            Un-mark
          </Button>
        </div>
      )}
      {summary && (
        <p role="status" className="mt-1 text-xs text-slate-700">
          {summary}
        </p>
      )}
    </div>
  );
}
