import type { Metadata } from "next";
import { Suspense } from "react";
import { ChannelOptions } from "@/components/channel-options";
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { listSessions, listSessionsQuerySchema } from "@/lib/sessions/list-sessions";
import { listAssignableAgents } from "@/lib/agents/list-assignable-agents";
import { LocalTime } from "@/components/local-time";
import { ChannelIcon } from "@/components/channel-icon";
import { Icon } from "@/components/icons";
import { SessionsLiveUpdates } from "./live-updates";

export const metadata: Metadata = { title: "Sessions" };

type Search = Record<string, string | undefined>;

const STATUS_LABELS = {
  waiting: "Waiting",
  open: "Open",
  resolved: "Resolved",
  spam: "Spam",
  banned: "Banned sender",
} as const;

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAgentOrRedirect();
  const db = await getDb();
  const search = await searchParams;
  const filters = Object.fromEntries(Object.entries(search).filter(([, v]) => v));
  const parsed = listSessionsQuerySchema.safeParse(filters);
  const [page, agents] = await Promise.all([
    parsed.success
      ? listSessions.fromUntrusted({ db, actor, input: filters })
      : Promise.resolve({ items: [], nextCursor: null }),
    listAssignableAgents({ db, actor }),
  ]);
  const next = new URLSearchParams({ ...(filters as Record<string, string>), cursor: page.nextCursor ?? "" });
  // Back to the newest conversations under the same filters, from an older page.
  const { cursor: onOlderPage, ...withoutCursor } = filters as Record<string, string>;
  const newest = new URLSearchParams(withoutCursor);

  // What the live updates judge news by: the filters the list was read with (none when they did not parse).
  const newsFilters = parsed.success
    ? { channel: parsed.data.channel, agent: parsed.data.agent, status: parsed.data.status }
    : {};

  return (
    <div className="flex h-full flex-col overflow-y-auto" data-live-scroll>
      <header className="border-b border-slate-200 bg-white px-4 py-4 md:px-8">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <h1 className="text-xl font-semibold">Sessions</h1>
            <p className="text-sm text-slate-600">
              Every conversation, including those of banned senders that no inbox list shows.
            </p>
          </div>
          {/* The list follows new conversations and their changes (./live-updates.tsx). */}
          <Suspense fallback={null}>
            <SessionsLiveUpdates
              filters={newsFilters}
              shownNames={Object.fromEntries(page.items.map((session) => [session.contact.id, session.contact.name]))}
            />
          </Suspense>
        </div>
        <form className="mt-3 grid grid-cols-2 gap-2 md:flex md:flex-wrap md:items-end" action="/sessions">
          <label className="col-span-2 flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
            Search
            <span className="relative">
              <Icon name="search" className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
              <input
                name="q"
                defaultValue={search.q}
                placeholder="Name, phone, email, visitor id or text"
                className="w-full rounded-md border border-slate-300 py-2 pl-8 pr-3 text-sm font-normal"
              />
            </span>
          </label>
          <label className="flex shrink-0 flex-col gap-1 text-xs font-medium text-slate-600">
            Channel
            <select
              name="channel"
              defaultValue={search.channel ?? ""}
              className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal"
            >
              <option value="">All</option>
              <ChannelOptions />
            </select>
          </label>
          <label className="flex shrink-0 flex-col gap-1 text-xs font-medium text-slate-600">
            Agent
            <select
              name="agent"
              defaultValue={search.agent ?? ""}
              className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal"
            >
              <option value="">Anyone</option>
              <option value="none">Unassigned</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex shrink-0 flex-col gap-1 text-xs font-medium text-slate-600">
            Status
            {/* Wide enough for its longest choice ("Banned sender") however the row is squeezed. */}
            <select
              name="status"
              defaultValue={search.status ?? ""}
              className="min-w-[9.5rem] rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal"
            >
              <option value="">Any</option>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex shrink-0 flex-col gap-1 text-xs font-medium text-slate-600">
            From
            <input
              type="date"
              name="from"
              defaultValue={search.from}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal"
            />
          </label>
          <label className="flex shrink-0 flex-col gap-1 text-xs font-medium text-slate-600">
            To
            <input
              type="date"
              name="to"
              defaultValue={search.to}
              className="rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal"
            />
          </label>
          <button
            type="submit"
            className={[
              "col-span-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold",
              "text-white hover:bg-brand-700 md:col-span-1",
            ].join(" ")}
          >
            Search
          </button>
        </form>
        {!parsed.success && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
          </p>
        )}
      </header>
      <main className="flex-1 px-4 py-4 md:px-8" data-live-region>
        <ul
          className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white"
          data-live-rows
        >
          {page.items.length === 0 && (
            <li className="px-4 py-10 text-center text-sm text-slate-500">No conversations match.</li>
          )}
          {page.items.map((session) => (
            <li key={session.id}>
              <RowLink
                href={`/sessions/${session.id}`}
                className="flex items-center gap-3 px-4 py-3 hover:bg-slate-50"
                data-testid="session-row"
              >
                <ChannelIcon channel={session.channel} />
                <span className="min-w-0 flex-1">
                  <span className="flex items-center gap-2">
                    <span className="truncate font-medium">{session.contact.name}</span>
                    {session.bucket === "banned" && (
                      <span className="rounded-full bg-red-50 px-2 py-0.5 text-[11px] font-medium text-red-700">
                        Banned sender
                      </span>
                    )}
                    {session.bucket === "spam" && (
                      <span className="rounded-full bg-red-50 px-2 py-0.5 text-[11px] font-medium text-red-700">
                        Spam
                      </span>
                    )}
                  </span>
                  <span className="block truncate text-sm text-slate-600">{session.lastMessagePreview}</span>
                </span>
                <span className="hidden text-right text-xs text-slate-500 sm:block">
                  <span className="block capitalize">{session.status}</span>
                  <span className="block">{session.assignee?.name ?? "Unassigned"}</span>
                </span>
                <LocalTime
                  iso={session.lastMessageAt}
                  format="relative"
                  className="w-14 shrink-0 text-right text-xs text-slate-500"
                />
              </RowLink>
            </li>
          ))}
        </ul>
        {(page.nextCursor || onOlderPage) && (
          <div className="mt-3 flex justify-center gap-2">
            {onOlderPage && (
              <Link href={`/sessions${newest.size ? `?${newest.toString()}` : ""}`} className={PAGER_LINK}>
                Newest conversations
              </Link>
            )}
            {page.nextCursor && (
              <Link href={`/sessions?${next.toString()}`} className={PAGER_LINK}>
                Older conversations
              </Link>
            )}
          </div>
        )}
      </main>
    </div>
  );
}

const PAGER_LINK = "inline-block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
