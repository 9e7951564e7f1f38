"use client";
// An unexpected error in a page of the signed-in app: shown inside the app shell, so the navigation
// stays usable.
import { ErrorScreen } from "@/components/error-screen";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorScreen
      error={error}
      retry={retry}
      message="This page could not be loaded. Check your connection and try again."
    />
  );
}
