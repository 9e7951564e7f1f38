// The list-plus-detail layout (Spam Manager: strings, lists, users): the list, and beside it on wide
// screens the selected item's pane. On phones the pane replaces the list, with a "Back to …" link;
// on wide screens the pane has a close button. Selection lives in the URL, so the links are plain
// links (server components, no client state) and Back works.
import Link from "next/link";
import { Icon } from "@/components/icons";

const DETAIL_WIDTHS = {
  md: "lg:grid-cols-[minmax(0,1fr)_minmax(22rem,30rem)]",
  lg: "lg:grid-cols-[minmax(0,1fr)_minmax(24rem,32rem)]",
} as const;

export function MasterDetail({
  detail,
  detailWidth = "md",
  listLabelledBy,
  listClassName = "",
  children,
}: {
  /** The selected item's pane (a DetailPane), or null when nothing is selected. */
  detail: React.ReactNode;
  detailWidth?: keyof typeof DETAIL_WIDTHS;
  /** The id of the list's heading. */
  listLabelledBy: string;
  listClassName?: string;
  children: React.ReactNode;
}) {
  const open = Boolean(detail);
  return (
    <div className={`grid gap-5 ${open ? DETAIL_WIDTHS[detailWidth] : ""}`}>
      <section aria-labelledby={listLabelledBy} className={`min-w-0 ${listClassName} ${open ? "hidden lg:block" : ""}`}>
        {children}
      </section>
      {detail}
    </div>
  );
}

export function DetailPane({
  label,
  testId,
  closeHref,
  backLabel,
  header,
  children,
}: {
  /** What the pane is ("Spam History"): its landmark name, the desktop caption and the close button's name. */
  label: string;
  testId: string;
  closeHref: string;
  /** The phone's way back to the list: "Back to Users". */
  backLabel: string;
  /** The item itself: title, badges, buttons. */
  header: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <aside
      aria-label={label}
      data-testid={testId}
      className="min-w-0 self-start rounded-lg border border-slate-200 bg-white lg:sticky lg:top-0"
    >
      <div className="border-b border-slate-200 p-4">
        <div className="flex items-center justify-between gap-2">
          <Link
            href={closeHref}
            scroll={false}
            className="inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline lg:hidden"
          >
            <Icon name="back" className="h-4 w-4" /> {backLabel}
          </Link>
          <p className="hidden text-xs font-medium uppercase tracking-wide text-slate-500 lg:block">{label}</p>
          <Link
            href={closeHref}
            scroll={false}
            aria-label={`Close the ${label}`}
            className="hidden rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 lg:inline-flex"
          >
            <Icon name="close" className="h-4 w-4" />
          </Link>
        </div>
        <div className="mt-2">{header}</div>
      </div>
      {children}
    </aside>
  );
}

/** The pane of an item that is gone (purged, deleted, or a hand-edited link). */
export function DetailPaneGone({
  label,
  closeHref,
  backLabel,
  children,
}: {
  label: string;
  closeHref: string;
  backLabel: string;
  children: React.ReactNode;
}) {
  return (
    <aside aria-label={label} className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600">
      <p>{children}</p>
      <Link href={closeHref} scroll={false} className="mt-3 inline-block font-medium text-brand-600 hover:underline">
        {backLabel}
      </Link>
    </aside>
  );
}
