import type { Metadata } from "next";
import { ChannelOptions } from "@/components/channel-options";
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { DataTable } from "@/components/ui/data-table";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { listBans, offsetCursor } from "@/lib/blacklist/list-bans";
import { listBansQuerySchema } from "@/lib/blacklist/ban-schemas";
import { BAN_SOURCE_LABELS } from "@/lib/blacklist/ban-schemas";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { plural } from "@/lib/ui/plural";
import { LocalTime } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import {
  AddBanButton,
  BanStatusFilter,
  DeactivateBanButton,
  ExportBansButton,
  OperatorBansToggle,
} from "./blacklist-controls";
import { PageSection } from "@/components/ui/page-section";
import { Suspense } from "react";
import { Pager } from "@/components/ui/pager";
import { AppError } from "@/lib/errors";
import { BlacklistLiveUpdates } from "./live-updates";

export const metadata: Metadata = { title: "Blacklist" };

const PAGE_SIZE = 25;

type Search = {
  active?: string;
  inactive?: string;
  channel?: string;
  q?: string;
  sort?: string;
  dir?: string;
  /** A keyset cursor (nextCursor / prevCursor): how Next and Previous page. */
  cursor?: string;
  /** A page number: how the page paged before keyset cursors; a bookmarked one is still answered. */
  page?: string;
};

export default async function BlacklistPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAgentOrRedirect();
  const db = await getDb();
  const search = await searchParams;
  // Active and Inactive checkboxes: Active alone is the default view.
  const active = search.active !== "0";
  const inactive = search.inactive === "1";
  const status = active && inactive ? "all" : inactive ? "inactive" : "active";
  const cursor = search.cursor || undefined;
  const page = cursor ? 1 : Math.max(1, Number(search.page) || 1);
  const parsed = listBansQuerySchema.safeParse({
    status,
    channel: search.channel || undefined,
    q: search.q || undefined,
    sort: search.sort,
    dir: search.dir,
  });
  const query = parsed.success ? parsed.data : listBansQuerySchema.parse({ status });
  const listed = (at: string | undefined) =>
    listBans.fromUntrusted({ db, actor, input: { ...query, limit: PAGE_SIZE, cursor: at } });
  const [result, tenant] = await Promise.all([
    listed(cursor ?? offsetCursor((page - 1) * PAGE_SIZE)).catch((error: unknown) => {
      // A stale or hand-edited cursor (or one of another sort): start again from the first page.
      if (error instanceof AppError && error.status === 400) return listed(undefined);
      throw error;
    }),
    db.tenant.findUniqueOrThrow({
      where: { id: actor.tenantId },
      select: { operatorBansEnabled: true, defaultPhoneRegion: true },
    }),
  ]);

  // The first shown ban to run out: the page refreshes then (no event says so at that time).
  const refreshAt =
    result.items.flatMap((ban) => (ban.status === "active" && ban.expiresAt ? [ban.expiresAt] : [])).sort()[0] ?? null;

  const params = (changes: Partial<Search>) => {
    const next = new URLSearchParams();
    const merged: Search = {
      active: active ? undefined : "0",
      inactive: inactive ? "1" : undefined,
      channel: query.channel,
      q: query.q,
      sort: query.sort,
      dir: query.dir,
      cursor,
      page: String(page),
      ...changes,
    };
    for (const [key, value] of Object.entries(merged))
      if (value && !(key === "page" && value === "1")) next.set(key, value);
    return `?${next.toString()}`;
  };
  const exportQuery = new URLSearchParams({
    status,
    sort: query.sort,
    dir: query.dir,
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.q ? { q: query.q } : {}),
  });
  const sortHeader = (column: typeof query.sort, label: string) => {
    const activeSort = query.sort === column;
    const dir = activeSort && query.dir === "desc" ? "asc" : "desc";
    return (
      <Link
        href={params({ sort: column, dir, page: "1", cursor: undefined })}
        className="inline-flex items-center gap-1 hover:text-slate-800"
        aria-sort={activeSort ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      >
        {label}
        {activeSort && <span aria-hidden="true">{query.dir === "asc" ? "▲" : "▼"}</span>}
      </Link>
    );
  };

  return (
    <PageSection
      id="blacklist"
      title="Blacklist"
      width="7xl"
      description={<>Clients banned on a channel cannot reach an agent there. Their messages are still stored.</>}
      action={
        <div className="flex items-center gap-3">
          {/* The table follows bans placed, deactivated and run out (./live-updates.tsx). */}
          <Suspense fallback={null}>
            <BlacklistLiveUpdates refreshAt={refreshAt} />
          </Suspense>
          {can(actor, "bans.add", { tenantId: actor.tenantId }) && (
            <AddBanButton defaultRegion={tenant.defaultPhoneRegion} />
          )}
        </div>
      }
    >
      <OperatorBansToggle enabled={tenant.operatorBansEnabled} />

      <form className="mb-3 mt-4 flex flex-wrap items-center gap-2" action="/settings/blacklist">
        {!active && <input type="hidden" name="active" value="0" />}
        {inactive && <input type="hidden" name="inactive" value="1" />}
        <label className="sr-only" htmlFor="ban-search">
          Search
        </label>
        <div className="relative min-w-56 flex-1">
          <Icon name="search" className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
          <input
            id="ban-search"
            name="q"
            defaultValue={query.q}
            placeholder="Search identifier, reason or who banned"
            className="w-full rounded-md border border-slate-300 py-2 pl-8 pr-3 text-sm"
          />
        </div>
        <label className="sr-only" htmlFor="ban-channel">
          Channel
        </label>
        <select
          id="ban-channel"
          name="channel"
          defaultValue={query.channel ?? ""}
          className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm"
        >
          <option value="">All channels</option>
          <ChannelOptions />
        </select>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Search
        </button>
        <BanStatusFilter active={active} inactive={inactive} />
        <ExportBansButton query={exportQuery.toString()} />
      </form>

      <p className="mb-2 text-xs text-slate-500" data-testid="blacklist-summary">
        {plural(result.total, status === "all" ? "ban" : `${status} ban`)}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>
      <DataTable
        label="Bans"
        dense
        phoneCards
        minWidthClass="w-full min-w-[1100px]"
        columns={[
          { header: sortHeader("channel", "Channel") },
          { header: sortHeader("identifier", "Identifier") },
          { header: "Contact" },
          { header: "Reason" },
          { header: "Source" },
          { header: sortHeader("createdAt", "Banned") },
          { header: sortHeader("expiresAt", "Expires") },
          { header: sortHeader("hitCount", "Hits"), className: "px-3 text-right" },
          { header: sortHeader("lastHitAt", "Last hit") },
          { header: "Status and actions", srOnly: true },
        ]}
        rowCount={result.items.length}
        empty={
          query.q || query.channel
            ? "No bans match this filter."
            : status === "active"
              ? "Nobody is banned. Ban a client from a conversation, or add one here."
              : "No bans in this view."
        }
      >
        {result.items.map((ban) => (
          <tr
            key={ban.id}
            data-testid="ban-row"
            data-ban-id={ban.id}
            className={ban.status === "active" ? "" : "bg-slate-50 text-slate-500"}
          >
            {/* data-label: the column's name on a phone card (components/ui/data-table.tsx). */}
            <td className="whitespace-nowrap px-3 py-2.5" data-label="Channel">
              <span className="inline-flex items-center gap-1.5">
                <ChannelIcon channel={ban.channel} /> {CHANNEL_INFO[ban.channel].label}
              </span>
            </td>
            {/* An address without a hyphen or dot has no place to break: it breaks anywhere rather than
                push the table into a sideways scroll (a table that only just fits did so by the clock's width). */}
            <td className="px-3 py-2.5 font-mono text-xs wrap-anywhere" data-label="Identifier">
              {ban.identifier}
            </td>
            <td className="px-3 py-2.5 wrap-anywhere" data-label="Contact">
              {ban.contact ? (
                <RowLink
                  href={`/sessions?q=${encodeURIComponent(ban.identifier)}`}
                  className="text-brand-700 hover:underline"
                >
                  {ban.contact.name}
                </RowLink>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </td>
            <td className="max-w-64 px-3 py-2.5" data-label="Reason">
              <span className="line-clamp-2" title={ban.reason}>
                {ban.reason}
              </span>
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-xs" data-label="Source">
              {BAN_SOURCE_LABELS[ban.source]}
            </td>
            <td className="px-3 py-2.5 text-xs" data-label="Banned">
              {/* A long API key or agent name wraps; the time does not. */}
              <div>{ban.createdBy.name}</div>
              <LocalTime iso={ban.createdAt} className="whitespace-nowrap text-slate-500" />
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-xs" data-label="Expires">
              {ban.expiresAt ? <LocalTime iso={ban.expiresAt} /> : "Never"}
            </td>
            <td className="px-3 py-2.5 text-right tabular-nums" data-label="Hits">
              {ban.hitCount}
            </td>
            <td className="whitespace-nowrap px-3 py-2.5 text-xs" data-label="Last hit">
              {ban.lastHitAt ? <LocalTime iso={ban.lastHitAt} format="relative" /> : "—"}
            </td>
            <td className="px-3 py-2.5 text-right text-xs">
              {ban.status === "active" ? (
                <DeactivateBanButton banId={ban.id} identifier={ban.identifier} />
              ) : ban.status === "expired" ? (
                <span className="rounded-full bg-slate-200 px-2 py-0.5">Expired</span>
              ) : (
                <span data-testid="ban-deactivated">
                  Deactivated by {ban.deactivatedBy?.name}
                  <br />
                  {ban.deactivatedAt && (
                    <LocalTime iso={ban.deactivatedAt} className="whitespace-nowrap text-slate-400" />
                  )}
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {/* Keyset pages (each costs the same however deep); a page number in the URL is an old link's. */}
      <Pager
        label="Pages"
        first={cursor || page > 1 ? params({ page: undefined, cursor: undefined }) : null}
        previous={result.prevCursor ? params({ page: undefined, cursor: result.prevCursor }) : null}
        next={result.nextCursor ? params({ page: undefined, cursor: result.nextCursor }) : null}
      />
    </PageSection>
  );
}
