import type { Metadata } from "next";
import Link from "next/link";
import { MasterDetail } from "@/components/ui/master-detail";
import { getDb } from "@/lib/db";
import { moderatorOrNull } from "../moderator";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/policy";
import { listListEntries, listUsage } from "@/lib/spam-manager/spam-lists";
import { KIND_LABELS, SPAM_STRING_KINDS, type SpamKind, type SpamList } from "@/lib/spam-manager/kinds";
import { AddEntryForm, ClickableRow, EntryButtons } from "../list-controls";
import { BanPostersButton } from "../ban-posters-button";
import { LocalTime } from "../local-time";
import { SpamHistoryPanel } from "../spam-history";
import { EmptyState, formatCount, KindBadge, ListBadge, Pager, SearchForm, withParams } from "../spam-ui";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Allow/Deny" };

const PATH = "/spam-manager/lists";

interface Search {
  list?: string;
  kind?: string;
  q?: string;
  cursor?: string;
  s?: string;
  hc?: string;
}

export default async function ListsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const db = await getDb();
  const search = await searchParams;
  const list = search.list === "allow" || search.list === "deny" ? (search.list as SpamList) : undefined;
  const kind = (SPAM_STRING_KINDS as readonly string[]).includes(search.kind ?? "")
    ? (search.kind as SpamKind)
    : undefined;
  const query = { ...(list ? { list } : {}), ...(kind ? { kind } : {}), ...(search.q ? { q: search.q } : {}) };
  const [usage, page] = await Promise.all([
    listUsage({ db, actor }),
    listListEntries
      .fromUntrusted({ db, actor, input: { ...query, ...(search.cursor ? { cursor: search.cursor } : {}) } })
      .catch((error: unknown) => {
        if (error instanceof AppError && error.status === 400)
          return listListEntries.fromUntrusted({ db, actor, input: query });
        throw error;
      }),
  ]);
  const current = { list, kind, q: search.q, cursor: search.cursor, s: search.s };
  const selected = search.s;
  const filtered = Boolean(list || kind || search.q);

  return (
    <MasterDetail
      listLabelledBy="lists-heading"
      listClassName="space-y-4"
      detail={
        selected ? (
          <SpamHistoryPanel
            spamStringId={selected}
            historyCursor={search.hc}
            closeHref={withParams(PATH, current, { s: null, hc: null })}
            pageHref={(hc) => withParams(PATH, current, { hc })}
            backLabel="Back to the lists"
          />
        ) : null
      }
    >
      <h2 id="lists-heading" className="sr-only">
        Allow and Deny lists
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <UsageCard list="deny" size={usage.deny.size} cap={usage.deny.cap} />
        <UsageCard list="allow" size={usage.allow.size} cap={usage.allow.cap} />
      </div>
      {can(actor, "settings.view", { tenantId: actor.tenantId }) ? (
        <p className="text-xs text-slate-500">
          Caps and retention are in{" "}
          <Link href="/settings/spam" className="font-medium text-brand-600 hover:underline">
            Settings → Spam lists
          </Link>
          .
        </p>
      ) : null}
      <AddEntryForm defaultList={list ?? "deny"} />

      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <nav aria-label="Filter entries" className="flex flex-wrap gap-1.5 text-sm">
          {([undefined, "deny", "allow"] as const).map((option) => (
            <Link
              key={option ?? "all"}
              href={withParams(PATH, current, { list: option ?? null, cursor: null, s: null })}
              aria-current={list === option ? "page" : undefined}
              className={[
                "rounded-full px-3 py-1 font-medium text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-white",
                "aria-[current=page]:bg-slate-900 aria-[current=page]:text-white aria-[current=page]:ring-slate-900",
              ].join(" ")}
            >
              {option === "deny" ? "Denied" : option === "allow" ? "Allowed" : "All"}
            </Link>
          ))}
          <span className="mx-1 hidden w-px bg-slate-200 sm:block" aria-hidden="true" />
          {SPAM_STRING_KINDS.map((option) => (
            <Link
              key={option}
              href={withParams(PATH, current, { kind: kind === option ? null : option, cursor: null, s: null })}
              aria-current={kind === option ? "page" : undefined}
              className={[
                "rounded-full px-3 py-1 text-slate-600 ring-1 ring-inset ring-slate-200 hover:bg-white",
                "aria-[current=page]:bg-brand-600 aria-[current=page]:text-white aria-[current=page]:ring-brand-600",
              ].join(" ")}
            >
              {KIND_LABELS[option].many}
            </Link>
          ))}
        </nav>
        <SearchForm
          action={PATH}
          q={search.q}
          placeholder="Search the lists"
          label="Search the lists"
          keep={{ list, kind }}
        />
      </div>

      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState icon="search" title="No entries match">
            <Link href={PATH} className="font-medium text-brand-600 hover:underline">
              Show all entries
            </Link>
          </EmptyState>
        ) : (
          <EmptyState icon="shield" title="The Allow and Deny lists are empty">
            Allow or deny strings from the Domains, URLs, Phone Numbers and Emails tabs, or add one above. Denied
            strings feed your rules; allowed ones stop counting as spam.
          </EmptyState>
        )
      ) : (
        <DataTable
          label="List entries"
          columns={[
            { header: "String" },
            { header: "List", hideBelow: "md", className: "px-2" },
            { header: "Posts", hideBelow: "sm", className: "px-2 text-right" },
            { header: "Added", hideBelow: "xl" },
            { header: "Actions", srOnly: true },
          ]}
          testId="list-entries-table"
          rowCount={page.items.length}
          empty={null}
        >
          {page.items.map((entry) => {
            const href = entry.spamStringId ? withParams(PATH, current, { s: entry.spamStringId, hc: null }) : null;
            const cells = (
              <>
                <td className="w-full max-w-0 px-4 py-3">
                  {href ? (
                    <Link
                      href={href}
                      scroll={false}
                      className={[
                        "block truncate font-mono text-[13px] text-slate-900",
                        "hover:text-brand-700 hover:underline",
                      ].join(" ")}
                      data-testid="list-entry-value"
                    >
                      {entry.value}
                    </Link>
                  ) : (
                    <span
                      className="block truncate font-mono text-[13px] text-slate-900"
                      data-testid="list-entry-value"
                    >
                      {entry.value}
                    </span>
                  )}
                  <div className="mt-1 flex flex-wrap items-center gap-1.5">
                    <KindBadge kind={entry.kind} />
                    <span className="md:hidden">
                      <ListBadge list={entry.list} />
                    </span>
                  </div>
                </td>
                <td className="hidden px-2 py-3 md:table-cell">
                  <ListBadge list={entry.list} />
                </td>
                <td className="hidden px-2 py-3 text-right tabular-nums text-slate-600 sm:table-cell">
                  {formatCount(entry.posts)}
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-xs text-slate-500 xl:table-cell">
                  <LocalTime iso={entry.createdAt.toISOString()} compact />
                  {entry.createdBy ? ` · ${entry.createdBy.name}` : ""}
                </td>
                <td className="px-4 py-2.5 text-right">
                  <div className="inline-flex flex-wrap items-start justify-end gap-1.5">
                    {entry.list === "deny" && entry.spamStringId && entry.posts > 0 && (
                      <BanPostersButton spamStringId={entry.spamStringId} value={entry.value} quiet />
                    )}
                    <EntryButtons entry={entry} />
                  </div>
                </td>
              </>
            );
            return href ? (
              <ClickableRow
                key={entry.id}
                href={href}
                selected={entry.spamStringId === selected}
                testId="list-entry-row"
              >
                {cells}
              </ClickableRow>
            ) : (
              <tr key={entry.id} className="align-top" data-testid="list-entry-row">
                {cells}
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pager
        label="More entries"
        first={search.cursor ? withParams(PATH, current, { cursor: null, s: null }) : null}
        next={page.nextCursor ? withParams(PATH, current, { cursor: page.nextCursor, s: null }) : null}
      />
    </MasterDetail>
  );
}

function UsageCard({ list, size, cap }: { list: SpamList; size: number; cap: number }) {
  const share = cap > 0 ? Math.min(1, size / cap) : 1;
  const tone =
    share >= 1 ? "bg-red-500" : share >= 0.9 ? "bg-amber-500" : list === "deny" ? "bg-red-400" : "bg-emerald-500";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`usage-${list}`}>
      <div className="flex items-center justify-between">
        <ListBadge list={list} />
        <span className="text-xs text-slate-500">
          {share >= 1 ? "Full" : size > 0 && share < 0.01 ? "<1% used" : `${Math.round(share * 100)}% used`}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-700">
        <span className="text-lg font-semibold tabular-nums text-slate-900">{formatCount(size)}</span> of{" "}
        {formatCount(cap)} strings
      </p>
      <div
        className="mt-2 h-1.5 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label={`${list === "deny" ? "Deny" : "Allow"} list usage`}
        aria-valuemin={0}
        aria-valuemax={cap}
        aria-valuenow={size}
      >
        <div
          className={`h-full rounded-full ${tone}`}
          style={{ width: `${Math.max(share * 100, size > 0 ? 2 : 0)}%` }}
        />
      </div>
    </div>
  );
}
