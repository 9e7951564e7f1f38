"use client";
// An unexpected error anywhere below the root layout (the sign-in page, the app shell itself).
import { ErrorScreen } from "@/components/error-screen";
import { statusActionClass } from "@/components/status-screen";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorScreen
      error={error}
      retry={retry}
      standalone
      message="Bouncer could not show this page. Try again in a moment."
      actions={
        <a href="/inbox" className={statusActionClass.secondary}>
          Go to the inbox
        </a>
      }
    />
  );
}
