// Small pieces shared by the Spam Manager pages (server and client components): badges, empty states,
// search, paging and links into the inbox.
import type { InboxBucket } from "@/lib/generated/prisma/enums";
import type { SpamKind, SpamList } from "@/lib/spam-manager/kinds";
import { KIND_LABELS } from "@/lib/spam-manager/kinds";
import { Icon, type IconName } from "@/components/icons";
import type { SpamActionView } from "@/lib/spam-manager/spam-actions";
import type { SpamRuleView } from "@/lib/spam-manager/spam-rules";
import type { ActionOption } from "./run-action-buttons";
import type { RuleOption } from "./rule-form";

// The pager is the app's one (components/ui/pager.tsx), shared with Settings → Blacklist.
export { Pager } from "@/components/ui/pager";

// Counts and plurals come from the app's one source (lib/ui/plural.ts).
import { formatCount, plural } from "@/lib/ui/plural";
export { formatCount, plural };

/** An action as the buttons and forms take it: the listed view without its dates and counts. */
export function actionOption({
  createdAt: _createdAt,
  ruleCount: _ruleCount,
  ...option
}: SpamActionView): ActionOption {
  return option;
}

/** A rule as its form takes it: the listed view with only its action's id. */
export function ruleOption({ createdAt: _createdAt, action, ...option }: SpamRuleView): RuleOption {
  return { ...option, action: { id: action.id } };
}

/** Where a conversation lives in the inbox (a banned sender's chat is on the Sessions page). */
export function conversationHref(conversation: { id: string; bucket: InboxBucket }): string {
  if (conversation.bucket === "banned") return `/sessions/${conversation.id}`;
  const list = conversation.bucket === "active" ? "all" : conversation.bucket;
  return `/inbox/${list}?c=${encodeURIComponent(conversation.id)}`;
}

/** A URL for the same page with some search params changed (null removes one). */
export function withParams(
  path: string,
  current: Record<string, string | undefined>,
  changes: Record<string, string | null>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(current)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

// The shared icon set has no globe or link: the two kinds that need them are drawn here.
const KIND_PATHS: Record<SpamKind, string | null> = {
  domain: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3.6 9h16.8M3.6 15h16.8M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18",
  url:
    "M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 " +
    "6.4l1-1",
  phone: null,
  email: null,
};

export function KindIcon({ kind, className = "h-4 w-4" }: { kind: SpamKind; className?: string }) {
  const path = KIND_PATHS[kind];
  if (!path) return <Icon name={kind === "phone" ? "phone" : "mail"} className={className} />;
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}

export function KindBadge({ kind }: { kind: SpamKind }) {
  return (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-md bg-slate-100 px-1.5 py-0.5",
        "text-xs font-medium text-slate-600",
      ].join(" ")}
    >
      <KindIcon kind={kind} className="h-3.5 w-3.5" />
      {KIND_LABELS[kind].one}
    </span>
  );
}

const LIST_STYLES: Record<SpamList | "none", { label: string; className: string; icon: IconName | null }> = {
  deny: { label: "Denied", className: "bg-red-50 text-red-700 ring-red-200", icon: "ban" },
  allow: { label: "Allowed", className: "bg-emerald-50 text-emerald-700 ring-emerald-200", icon: "check" },
  none: { label: "Uncategorized", className: "bg-slate-50 text-slate-600 ring-slate-200", icon: null },
};

export function ListBadge({ list }: { list: SpamList | null }) {
  const style = LIST_STYLES[list ?? "none"];
  return (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs",
        "font-medium ring-1 ring-inset",
        style.className,
      ].join(" ")}
    >
      {style.icon && <Icon name={style.icon} className="h-3 w-3" />}
      {style.label}
    </span>
  );
}

/** A spam string as a chip: red when denied, neutral when uncategorized, green when allowed. */
export function StringChip({ value, list, count }: { value: string; list: SpamList | null; count?: number }) {
  const tone =
    list === "deny"
      ? "bg-red-50 text-red-800 ring-red-200"
      : list === "allow"
        ? "bg-emerald-50 text-emerald-800 ring-emerald-200"
        : "bg-slate-100 text-slate-700 ring-slate-200";
  return (
    <span
      className={[
        "inline-flex max-w-full items-center gap-1 rounded-md px-1.5 py-0.5",
        "font-mono text-xs ring-1 ring-inset",
        tone,
      ].join(" ")}
      title={list === "deny" ? "Denied" : list === "allow" ? "Allowed" : "Uncategorized"}
      data-testid="string-chip"
      data-list={list ?? "none"}
    >
      {list === "deny" && <Icon name="ban" className="h-3 w-3 shrink-0" />}
      <span className="truncate">{value}</span>
      {count !== undefined && (
        <span className="shrink-0 font-sans text-[11px] text-slate-500">×{formatCount(count)}</span>
      )}
    </span>
  );
}

export function StatusPill({ status }: { status: "completed" | "failed" }) {
  return status === "completed" ? (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5",
        "text-xs font-medium text-emerald-700 ring-1 ring-inset",
        "ring-emerald-200",
      ].join(" ")}
    >
      <Icon name="check" className="h-3 w-3" /> Completed
    </span>
  ) : (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-full bg-red-50 px-2 py-0.5",
        "text-xs font-medium text-red-700 ring-1 ring-inset ring-red-200",
      ].join(" ")}
    >
      <Icon name="alert" className="h-3 w-3" /> Failed
    </span>
  );
}

export function EmptyState({ icon, title, children }: { icon: IconName; title: string; children?: React.ReactNode }) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
      data-testid="empty-state"
    >
      <span className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <Icon name={icon} className="h-6 w-6" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-slate-900">{title}</h2>
      {children && <div className="mx-auto mt-2 max-w-md text-sm text-slate-600">{children}</div>}
    </div>
  );
}

/** A GET search form: works without JavaScript, keeps the other filters as hidden fields. */
export function SearchForm({
  action,
  q,
  placeholder,
  keep = {},
  label,
}: {
  action: string;
  q?: string;
  placeholder: string;
  keep?: Record<string, string | undefined>;
  label: string;
}) {
  return (
    <form action={action} method="get" role="search" className="relative w-full sm:max-w-xs">
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <label htmlFor={`search-${action}`} className="sr-only">
        {label}
      </label>
      <Icon
        name="search"
        className="pointer-events-none absolute left-2.5 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400"
      />
      <input
        id={`search-${action}`}
        type="search"
        name="q"
        defaultValue={q}
        placeholder={placeholder}
        className={[
          "block w-full rounded-md border border-slate-300 bg-white py-2 pl-8",
          "pr-3 text-sm shadow-xs focus:border-brand-500 focus:outline-none",
        ].join(" ")}
      />
    </form>
  );
}

/** Highlights the first case-insensitive match of `needle` in a message text. */
export function HighlightedText({ text, needle }: { text: string; needle: string }) {
  const at = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at === -1) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="rounded bg-amber-100 px-0.5 text-slate-900">{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  );
}
