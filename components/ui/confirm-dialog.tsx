"use client";
// "Are you sure?" before a change that is hard to take back (delete, revoke, ban, send): the question,
// what will happen, and Cancel / the named action. It runs the action itself, so every confirm shows
// the same pending label, keeps itself open with the error beside the buttons when the server says
// no, and cannot be dismissed half-way through. Focus trap and Escape come from <Dialog>.
import { useId, useState, useTransition } from "react";
import { Dialog, DialogActions } from "./dialog";
import { ErrorNote } from "./field";

export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  pendingLabel,
  cancelLabel = "Cancel",
  variant = "primary",
  confirmDisabled = false,
  onConfirm,
}: {
  open: boolean;
  onClose(): void;
  title: string;
  /** What will happen (and any field the action needs). */
  children: React.ReactNode;
  confirmLabel: string;
  /** Shown on the button while the action runs: "Deleting…". */
  pendingLabel: string;
  cancelLabel?: string;
  variant?: "primary" | "danger";
  confirmDisabled?: boolean;
  /** Runs the action; answers an error message to show, or nothing when it is done (the caller closes). */
  onConfirm(): Promise<string | void>;
}) {
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const failure = await onConfirm().catch(() => "Something went wrong on our side. Try again.");
      if (failure) setError(failure);
    });
  }

  function close() {
    if (pending) return;
    setError(null);
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title={title} labelledBy={titleId}>
      <div className="space-y-3 text-sm text-slate-700">{children}</div>
      {error && (
        <div className="mt-3">
          <ErrorNote>{error}</ErrorNote>
        </div>
      )}
      <div className="mt-5">
        <DialogActions
          onCancel={close}
          cancelLabel={cancelLabel}
          actionLabel={confirmLabel}
          pendingLabel={pendingLabel}
          pending={pending}
          disabled={confirmDisabled}
          variant={variant}
          onAction={confirm}
        />
      </div>
    </Dialog>
  );
}
