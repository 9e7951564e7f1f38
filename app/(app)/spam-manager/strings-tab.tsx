// A string tab (Domains, URLs, Phone Numbers, Emails): uncategorized strings of one kind, most posted
// first, with search and paging; a row opens its Spam History beside the table (over it on phones).
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { MasterDetail } from "@/components/ui/master-detail";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listSpamStrings } from "@/lib/spam-manager/spam-strings";
import { getSpamSettings } from "@/lib/spam-manager/settings";
import { KIND_LABELS, type SpamKind } from "@/lib/spam-manager/kinds";
import { moderatorOrNull } from "./moderator";
import { ClickableRow, ListButtons } from "./list-controls";
import { LocalTime } from "./local-time";
import { SpamHistoryPanel } from "./spam-history";
import { DisguiseControls, DisguisedBadge, disguiseQuery } from "./disguise-ui";
import { EmptyState, formatCount, KindIcon, Pager, plural, SearchForm, withParams } from "./spam-ui";
import { DataTable } from "@/components/ui/data-table";

export interface TabSearch {
  q?: string;
  cursor?: string;
  s?: string;
  hc?: string;
  /** Disguise filter and order (disguise-ui.tsx). */
  obf?: string;
  sort?: string;
}

const EMPTY_HINTS: Record<SpamKind, string> = {
  domain: "Domains appear here when users post links. Denied and allowed ones live in the Allow/Deny tab.",
  url:
    "Links users post appear here, without their scheme or “www.”. " +
    "A link to a bare domain is listed under Domains; URLs of an allowed or denied domain are hidden.",
  phone: "Phone numbers users post appear here in international format.",
  email: "Email addresses users post appear here, lower-cased.",
};

export async function StringsTab({ kind, path, search }: { kind: SpamKind; path: string; search: TabSearch }) {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const db = await getDb();
  const label = KIND_LABELS[kind];
  const [settings, page] = await Promise.all([
    getSpamSettings({ db, actor }),
    listSpamStrings
      .fromUntrusted({
        db,
        actor,
        input: {
          kind,
          ...(search.q ? { q: search.q } : {}),
          ...disguiseQuery(search),
          ...(search.cursor ? { cursor: search.cursor } : {}),
        },
      })
      .catch((error: unknown) => {
        // A stale or hand-edited cursor: start again from the first page.
        if (error instanceof AppError && error.status === 400)
          return listSpamStrings.fromUntrusted({ db, actor, input: { kind, ...disguiseQuery(search) } });
        throw error;
      }),
  ]);
  const current = { q: search.q, cursor: search.cursor, s: search.s, obf: search.obf, sort: search.sort };
  const selected = search.s;

  return (
    <MasterDetail
      listLabelledBy="tab-heading"
      detail={
        selected ? (
          <SpamHistoryPanel
            spamStringId={selected}
            historyCursor={search.hc}
            closeHref={withParams(path, current, { s: null, hc: null })}
            pageHref={(hc) => withParams(path, current, { hc })}
            backLabel={`Back to ${label.many}`}
          />
        ) : null
      }
    >
      <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="tab-heading" className="text-base font-semibold text-slate-900">
            Uncategorized {label.inText}
          </h2>
          <p className="text-xs text-slate-500">
            Posted in the last {settings.spamRetentionDays} days ·{" "}
            {search.sort === "obfuscated" ? "most disguised first" : "most posted first"}
          </p>
        </div>
        <SearchForm
          action={path}
          q={search.q}
          keep={{ obf: search.obf, sort: search.sort }}
          placeholder={`Search ${label.inText}`}
          label={`Search ${label.inText}`}
        />
      </div>
      <DisguiseControls
        params={search}
        href={(changes) => withParams(path, current, { ...changes, cursor: null, s: null, hc: null })}
      />

      {page.items.length === 0 ? (
        search.obf === "1" || search.obf === "0" ? (
          <EmptyState
            icon="search"
            title={
              `No ${search.obf === "1" ? "disguised" : "plain"} ${label.inText}` +
              (search.q ? ` match “${search.q}”` : "")
            }
          >
            <Link
              href={withParams(path, current, { obf: null, cursor: null, s: null })}
              className="font-medium text-brand-600 hover:underline"
            >
              Show all {label.inText}
            </Link>
          </EmptyState>
        ) : search.q ? (
          <EmptyState icon="search" title={`No ${label.inText} match “${search.q}”`}>
            <Link href={path} className="font-medium text-brand-600 hover:underline">
              Clear the search
            </Link>
          </EmptyState>
        ) : (
          <EmptyState icon="shield" title={`No uncategorized ${label.inText}`}>
            {EMPTY_HINTS[kind]}
          </EmptyState>
        )
      ) : (
        <DataTable
          label="Spam strings"
          columns={[
            { header: label.one },
            { header: "Posts", className: "pl-2 pr-4 text-right sm:pr-2" },
            { header: "Users", hideBelow: "sm", className: "px-2 text-right" },
            { header: "Last seen", hideBelow: "md" },
            { header: "Allow or deny", srOnly: true, hideBelow: "sm" },
          ]}
          testId="spam-strings-table"
          rowCount={page.items.length}
          empty={null}
        >
          {page.items.map((row) => {
            const href = withParams(path, current, { s: row.id, hc: null });
            return (
              <ClickableRow key={row.id} href={href} selected={row.id === selected} testId="spam-string-row">
                <td className="w-full max-w-0 px-4 py-3">
                  <RowLink
                    href={href}
                    scroll={false}
                    className={[
                      "flex min-w-0 items-center gap-2 font-mono text-[13px]",
                      "text-slate-900 hover:text-brand-700 hover:underline",
                    ].join(" ")}
                    data-testid="spam-string-value"
                  >
                    <KindIcon kind={kind} className="h-4 w-4 shrink-0 text-slate-400" />
                    <span className="truncate" title={row.value}>
                      {row.value}
                    </span>
                    <DisguisedBadge count={row.obfuscatedPosts} posts={row.posts} />
                  </RowLink>
                  {/* Phones: the counts and buttons go under the value. */}
                  <div className="mt-2 flex items-center justify-between gap-2 pl-6 sm:hidden">
                    <span className="whitespace-nowrap text-xs text-slate-500">
                      {plural(row.users, "user")} · <LocalTime iso={row.lastSeenAt.toISOString()} compact />
                    </span>
                    <ListButtons kind={kind} value={row.value} />
                  </div>
                </td>
                <td className="py-3 pl-2 pr-4 text-right font-medium tabular-nums text-slate-900 sm:pr-2">
                  {formatCount(row.posts)}
                </td>
                <td className="hidden px-2 py-3 text-right tabular-nums text-slate-600 sm:table-cell">
                  {formatCount(row.users)}
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell">
                  <LocalTime iso={row.lastSeenAt.toISOString()} compact />
                </td>
                <td className="hidden whitespace-nowrap px-4 py-2.5 text-right sm:table-cell">
                  <ListButtons kind={kind} value={row.value} />
                </td>
              </ClickableRow>
            );
          })}
        </DataTable>
      )}
      <Pager
        label={`More ${label.inText}`}
        first={search.cursor ? withParams(path, current, { cursor: null, s: null }) : null}
        next={page.nextCursor ? withParams(path, current, { cursor: page.nextCursor, s: null }) : null}
      />
    </MasterDetail>
  );
}
