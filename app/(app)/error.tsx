"use client";
// An unexpected error in a page of the signed-in app: shown inside the app shell, so the navigation
// stays usable. The details stay in the server log (error.digest matches it).
import { useEffect } from "react";
import { StatusScreen, statusActionClass } from "@/components/status-screen";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <StatusScreen
      tone="danger"
      icon="alert"
      title="Something went wrong"
      actions={
        <button type="button" onClick={() => retry()} className={statusActionClass.primary}>
          Try again
        </button>
      }
    >
      <p>This page could not be loaded. Check your connection and try again.</p>
      {digest && <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p>}
    </StatusScreen>
  );
}
