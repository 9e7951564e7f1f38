// Disguised strings in the Spam Manager (issue 17): the filter and sort of a string tab, the badge on a
// string written disguised, and how one post wrote it. Server components; links work without JavaScript.
import Link from "next/link";
import { Icon } from "@/components/icons";
import { formatCount, plural } from "./spam-ui";

/** The tab's disguise filter and order as URL parameters: obf=1 (disguised only), obf=0 (plain only);
 * sort=obfuscated (most disguised posts first). Anything else means the default. */
export interface DisguiseParams {
  obf?: string;
  sort?: string;
}

export function disguiseQuery(params: DisguiseParams): { obfuscated?: "true" | "false"; sort?: "obfuscated" } {
  return {
    ...(params.obf === "1"
      ? { obfuscated: "true" as const }
      : params.obf === "0"
        ? { obfuscated: "false" as const }
        : {}),
    ...(params.sort === "obfuscated" ? { sort: "obfuscated" as const } : {}),
  };
}

const FILTERS = [
  { value: null, label: "All" },
  { value: "1", label: "Disguised" },
  { value: "0", label: "Plain" },
] as const;

const SORTS = [
  { value: null, label: "Most posted" },
  { value: "obfuscated", label: "Most disguised" },
] as const;

/** "All · Disguised · Plain" and "Most posted · Most disguised", as links that keep the search. */
export function DisguiseControls({
  params,
  href,
}: {
  params: DisguiseParams;
  href: (changes: { obf?: string | null; sort?: string | null }) => string;
}) {
  const filter = params.obf === "1" || params.obf === "0" ? params.obf : null;
  const sort = params.sort === "obfuscated" ? "obfuscated" : null;
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2" data-testid="disguise-controls">
      <nav aria-label="Show" className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs font-medium">
        {FILTERS.map((option) => (
          <Segment key={option.label} href={href({ obf: option.value })} current={filter === option.value}>
            {option.value === "1" && <Icon name="alert" className="h-3.5 w-3.5 text-amber-600" />}
            {option.label}
          </Segment>
        ))}
      </nav>
      <nav aria-label="Sort" className="inline-flex items-center gap-1 text-xs text-slate-500">
        <span className="hidden sm:inline">Sort:</span>
        <span className="inline-flex rounded-md bg-slate-100 p-0.5 font-medium">
          {SORTS.map((option) => (
            <Segment key={option.label} href={href({ sort: option.value })} current={sort === option.value}>
              {option.label}
            </Segment>
          ))}
        </span>
      </nav>
    </div>
  );
}

function Segment({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? "true" : undefined}
      className={[
        "inline-flex items-center gap-1 rounded px-2.5 py-1",
        current ? "bg-white text-slate-900 shadow-xs" : "text-slate-600 hover:text-slate-900",
      ].join(" ")}
    >
      {children}
    </Link>
  );
}

/** On a string written disguised in some of its posts: how many. */
export function DisguisedBadge({ count, posts }: { count: number; posts: number }) {
  if (count <= 0) return null;
  return (
    <span
      className={[
        "inline-flex shrink-0 items-center gap-1 rounded-full bg-amber-50",
        "px-1.5 py-0.5 font-sans text-[11px] font-medium text-amber-800 ring-1",
        "ring-inset ring-amber-200",
      ].join(" ")}
      title={`${plural(count, "post")} of ${formatCount(posts)} wrote it disguised`}
      data-testid="disguised-badge"
    >
      <Icon name="alert" className="h-3 w-3" />
      {/* Phones: the icon and count only, so the value keeps its room. */}
      <span className="sr-only sm:not-sr-only">Disguised</span>
      {count > 1 ? ` ×${formatCount(count)}` : ""}
    </span>
  );
}

/** How one post wrote the string, when it was a disguise ("hxxps://evil[.]com/x" for evil.com/x). */
export function WrittenAs({ raw, obfuscated }: { raw: string | null; obfuscated: boolean }) {
  if (!obfuscated || !raw) return null;
  return (
    <p className="mt-1 flex min-w-0 flex-wrap items-center gap-1.5 text-xs text-slate-600" data-testid="written-as">
      <span
        className={[
          "inline-flex items-center gap-1 rounded-full bg-amber-50 px-1.5 py-0.5",
          "font-medium text-amber-800 ring-1 ring-inset ring-amber-200",
        ].join(" ")}
      >
        <Icon name="alert" className="h-3 w-3" /> Disguised
      </span>
      <span>written as</span>
      <code className="min-w-0 break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-[12px] text-slate-800">
        {visible(raw)}
      </code>
    </p>
  );
}

// Invisible characters are the disguise: show them as visible markers ("ev⟦U+200B⟧il.com").
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

function visible(raw: string): string {
  return raw.replace(INVISIBLE, (char) => `⟦U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟧`);
}
