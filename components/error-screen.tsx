"use client";
// The screen of an error boundary (app/error.tsx, app/(app)/error.tsx): the details stay in the server
// log, which error.digest matches; the agent gets a retry.
import { useEffect, type ReactNode } from "react";
import { StatusScreen, statusActionClass } from "@/components/status-screen";

export function ErrorScreen({
  error,
  retry,
  standalone = false,
  message,
  actions,
}: {
  error: unknown;
  retry: () => void;
  /** Outside the app shell (no navigation around it). */
  standalone?: boolean;
  message: string;
  /** More actions after "Try again". */
  actions?: ReactNode;
}) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <StatusScreen
      standalone={standalone}
      tone="danger"
      icon="alert"
      title="Something went wrong"
      actions={
        <>
          <button type="button" onClick={() => retry()} className={statusActionClass.primary}>
            Try again
          </button>
          {actions}
        </>
      }
    >
      <p>{message}</p>
      {digest && <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p>}
    </StatusScreen>
  );
}
