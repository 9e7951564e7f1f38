"use client";
// The User History's action buttons: one per defined action, each confirmed before it runs on the user.
import { useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Icon } from "@/components/icons";
import { toast } from "@/components/toaster";
import { describeAction, type SpamActionDefinition, type SpamActionTypeName } from "@/lib/spam-manager/action-schemas";
import { runSpamActionAction } from "./actions";

export type ActionOption = SpamActionDefinition & { id: string; name: string };

const ACTION_ICONS: Record<SpamActionTypeName, "flag" | "clock" | "ban" | "alert"> = {
  mark_spam: "alert",
  block_live_chat: "clock",
  ban_channel: "ban",
  flag_review: "flag",
};

export function RunActionButtons({
  actions,
  contact,
}: {
  actions: ActionOption[];
  contact: { id: string; name: string };
}) {
  const router = useRouter();
  const [chosen, setChosen] = useState<ActionOption | null>(null);
  if (actions.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No actions defined yet.{" "}
        <Link href="/spam-manager/actions" className="font-medium text-brand-600 hover:underline">
          Define one
        </Link>{" "}
        (mark as spam, block for live chat, ban, flag) to act on users from here.
      </p>
    );
  }

  async function run() {
    if (!chosen) return;
    const result = await runSpamActionAction(chosen.id, { contactId: contact.id });
    if (!result.ok) return result.error.message;
    if (result.data.status === "failed") toast.error(`${chosen.name} failed: ${result.data.error ?? "unknown error"}`);
    else toast.success(`${chosen.name}: ${result.data.outcome ?? "done"}`);
    setChosen(null);
    router.refresh();
  }

  return (
    <>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Actions">
        {actions.map((action) => (
          <Button
            key={action.id}
            size="sm"
            onClick={() => setChosen(action)}
            className={action.type === "ban_channel" || action.type === "mark_spam" ? "text-red-700" : ""}
          >
            <Icon name={ACTION_ICONS[action.type]} className="h-3.5 w-3.5" /> {action.name}
          </Button>
        ))}
      </div>
      <ConfirmDialog
        open={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? `${chosen.name}?` : ""}
        confirmLabel={chosen ? `Run “${chosen.name}”` : "Run"}
        pendingLabel="Running…"
        onConfirm={run}
      >
        {chosen && (
          <p>
            <span className="font-medium text-slate-900">{describeAction(chosen)}</span> — on{" "}
            <span className="font-medium text-slate-900">{contact.name}</span>. The run is written to the Actions Log.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
