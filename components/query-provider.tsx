"use client";
// A TanStack Query client: queries started from the browser (the campaign editor's audience size) are
// keyed and deduplicated, and a late answer for an old key never shows. Mounted by the routes that query
// (app/(app)/campaigns/layout.tsx); lift it to the app layout when the inbox moves to TanStack Query.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

export function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
