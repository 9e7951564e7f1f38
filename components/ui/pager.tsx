// Paging links under a keyset-paged list (the Spam Manager's tables, Settings → Blacklist): First page and,
// where the list can page back, Previous, on one side; Next page on the other. Links, not buttons: each page
// is a URL (the live lists pin the reader's place by it, components/live-list.tsx).
import Link from "next/link";
import { Icon } from "@/components/icons";

export interface PagerProps {
  /** The first page's URL, or null on the first page. */
  first: string | null;
  /** The page before this one, for lists that page back (a prevCursor); null on the first. */
  previous?: string | null;
  /** The page after this one, or null on the last. */
  next: string | null;
  label: string;
}

export function Pager({ first, previous = null, next, label }: PagerProps) {
  if (!first && !previous && !next) return null;
  return (
    <nav aria-label={label} className="mt-3 flex items-center justify-between text-sm">
      <span className="flex items-center gap-4">
        {first && (
          <Link href={first} className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline">
            <Icon name="back" className="h-4 w-4" /> First page
          </Link>
        )}
        {previous && (
          <Link href={previous} className="font-medium text-brand-600 hover:underline">
            ← Previous page
          </Link>
        )}
      </span>
      {next && (
        <Link href={next} className="font-medium text-brand-600 hover:underline">
          Next page →
        </Link>
      )}
    </nav>
  );
}
