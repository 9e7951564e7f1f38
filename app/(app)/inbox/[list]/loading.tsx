// While an inbox list renders on the server: its two panes as placeholders, so the layout does not jump.
export default function InboxLoading() {
  return (
    <div className="flex h-full min-h-0" role="status" aria-label="Loading the inbox" data-testid="page-loading">
      <div className="flex w-full min-w-0 flex-col border-r border-slate-200 bg-white md:w-80 md:shrink-0 lg:w-[25rem]">
        <div className="border-b border-slate-200 px-4 pb-3 pt-4">
          <div className="h-6 w-20 animate-pulse rounded bg-slate-200" />
          <div className="mt-4 flex gap-4">
            {["w-10", "w-8", "w-20", "w-16"].map((width) => (
              <div key={width} className={`h-4 animate-pulse rounded bg-slate-100 ${width}`} />
            ))}
          </div>
        </div>
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="border-b border-slate-100 px-4 py-3">
            <div className="h-4 w-40 animate-pulse rounded bg-slate-200" />
            <div className="mt-2 h-3 w-4/5 animate-pulse rounded bg-slate-100" />
          </div>
        ))}
      </div>
      <div className="hidden flex-1 bg-slate-50 md:block" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
