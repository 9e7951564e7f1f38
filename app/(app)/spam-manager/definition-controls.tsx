"use client";
// Row controls of the Actions and Rules tabs: delete an action or a rule, switch a rule on and off.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/toaster";
import { deleteSpamActionAction, deleteSpamRuleAction, updateSpamRuleAction } from "./actions";

export function DeleteButton({
  kind,
  item,
  ruleCount = 0,
}: {
  kind: "action" | "rule";
  item: { id: string; name: string };
  ruleCount?: number;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  async function remove() {
    const result = kind === "action" ? await deleteSpamActionAction(item.id) : await deleteSpamRuleAction(item.id);
    if (!result.ok) return result.error.message;
    toast.success(`Deleted “${item.name}”`);
    setOpen(false);
    router.refresh();
  }
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} aria-label={`Delete ${item.name}`}>
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${kind}`}
        variant="danger"
        confirmLabel={`Delete ${kind}`}
        pendingLabel="Deleting…"
        onConfirm={remove}
      >
        <p>
          Delete <span className="font-medium text-slate-900">“{item.name}”</span>?
          {kind === "action" && ruleCount > 0
            ? ` ${ruleCount === 1 ? "The rule that runs it is" : `The ${ruleCount} rules that run it are`} deleted too.`
            : ""}{" "}
          The Actions Log keeps its past runs.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function RuleToggle({ rule }: { rule: { id: string; name: string; enabled: boolean } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={rule.enabled}
        aria-label={`${rule.name} enabled`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await updateSpamRuleAction(rule.id, { enabled: !rule.enabled });
            if (!result.ok) return setError(result.error.message);
            router.refresh();
          })
        }
        className={[
          "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full",
          "bg-slate-300 transition-colors aria-checked:bg-brand-600",
          "disabled:opacity-50",
        ].join(" ")}
      >
        <span
          className={[
            "inline-block h-4 w-4 rounded-full bg-white shadow transition-transform",
            rule.enabled ? "translate-x-4.5" : "translate-x-0.5",
          ].join(" ")}
        />
      </button>
      {error && <span className="text-xs text-red-600">{error}</span>}
    </span>
  );
}
