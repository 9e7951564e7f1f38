"use client";
// An unexpected error anywhere below the root layout (the sign-in page, the app shell itself). The
// details stay in the server log (error.digest matches it); the agent gets a retry.
import { useEffect } from "react";
import { StatusScreen, statusActionClass } from "@/components/status-screen";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => console.error(error), [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : null;
  return (
    <StatusScreen
      standalone
      tone="danger"
      icon="alert"
      title="Something went wrong"
      actions={
        <>
          <button type="button" onClick={() => retry()} className={statusActionClass.primary}>
            Try again
          </button>
          <a href="/inbox" className={statusActionClass.secondary}>
            Go to the inbox
          </a>
        </>
      }
    >
      <p>Bouncer could not show this page. Try again in a moment.</p>
      {digest && <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p>}
    </StatusScreen>
  );
}
