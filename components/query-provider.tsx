"use client";
// The one TanStack Query client of the signed-in app (mounted by app/(app)/layout.tsx): queries started
// from the browser — the inbox's lists, counts, conversation and contact, the campaign editor's audience
// size — are keyed and deduplicated, and a late answer for an old key never shows.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
