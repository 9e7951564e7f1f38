"use client";

import { useEffect, useRef } from "react";
import { Button } from "./button";

/** A modal on the native <dialog>: focus is trapped, Escape closes, the page behind is inert. */
export function Dialog({
  open,
  onClose,
  title,
  children,
  labelledBy = "dialog-title",
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  labelledBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={[
        "m-auto w-[min(32rem,calc(100vw-2rem))] whitespace-normal text-left",
        "rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40",
      ].join(" ")}
    >
      {open && (
        <div className="p-5">
          <h2 id={labelledBy} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-3">{children}</div>
        </div>
      )}
    </dialog>
  );
}

/**
 * The buttons that end a dialog: Cancel and the dialog's action (its label turns into `pendingLabel`
 * while it runs). Side by side on wide screens, stacked with the action on top on phones. Without
 * `onAction` the action is the enclosing form's submit button.
 */
export function DialogActions({
  onCancel,
  cancelLabel = "Cancel",
  actionLabel,
  pendingLabel,
  pending = false,
  disabled = false,
  variant = "primary",
  onAction,
}: {
  onCancel(): void;
  cancelLabel?: string;
  actionLabel: string;
  pendingLabel: string;
  pending?: boolean;
  disabled?: boolean;
  variant?: "primary" | "danger";
  onAction?(): void;
}) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button onClick={onCancel} disabled={pending}>
        {cancelLabel}
      </Button>
      <Button type={onAction ? "button" : "submit"} variant={variant} onClick={onAction} disabled={pending || disabled}>
        {pending ? pendingLabel : actionLabel}
      </Button>
    </div>
  );
}
