// The placeholder a section of the app shows while its page renders on the server, so a click on the
// navigation answers at once instead of leaving the previous page up with no sign of progress.
// Used by loading.tsx files only where no page below redirects (a redirect inside the loading
// boundary would no longer be an HTTP redirect but a late client-side one).
export function PageLoading() {
  return (
    <div
      className="flex h-full flex-col gap-4 p-4 md:p-6"
      role="status"
      aria-label="Loading"
      data-testid="page-loading"
    >
      <div className="h-7 w-48 animate-pulse rounded-md bg-slate-200" />
      <div className="h-4 w-72 max-w-full animate-pulse rounded bg-slate-100" />
      <div className="mt-2 flex flex-col gap-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-12 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
