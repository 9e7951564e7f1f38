import type { Metadata } from "next";
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { can } from "@/lib/policy";
import { AppError } from "@/lib/errors";
import { countLiveChatBlocks, listLiveChatBlocks, type BlockListStatus } from "@/lib/live-chat/list-blocks";
import type { LiveChatBlockView } from "@/lib/live-chat/block-view";
import { Icon } from "@/components/icons";
import { TabNav } from "@/components/ui/tab-nav";
import { BlockStatusChip, liftedBy } from "@/components/live-chat/block-status";
import { LocalTime, UnblockButton } from "./blacklist-controls";
import { DataTable } from "@/components/ui/data-table";
import { Suspense } from "react";
import { LiveChatBlocksLiveUpdates } from "./live-updates";

export const metadata: Metadata = { title: "Live Chat Blacklist" };

type Search = { status?: string; q?: string; kind?: string; cursor?: string };

const TABS: Array<{ status: BlockListStatus; label: string }> = [
  { status: "active", label: "Active" },
  { status: "expired", label: "Expired" },
  { status: "lifted", label: "Lifted" },
  { status: "all", label: "All" },
];

function href(search: Search, change: Partial<Search>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...search, cursor: undefined, ...change }))
    if (value) params.set(key, value);
  const query = params.toString();
  return `/live-chat-blacklist${query ? `?${query}` : ""}`;
}

export default async function LiveChatBlacklistPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAgentOrRedirect();
  if (!can(actor, "liveChatBlocks.view", { tenantId: actor.tenantId })) {
    return (
      <main className="p-8">
        <h1 className="text-xl font-semibold">Live Chat Blacklist</h1>
        <p className="mt-2 text-slate-600">
          Only supervisors and admins can see the Live Chat Blacklist. A user&apos;s own block shows on their user card.
        </p>
        <Link href="/inbox" className="mt-4 inline-block text-brand-600 hover:underline">
          Back to the inbox
        </Link>
      </main>
    );
  }
  const search = await searchParams;
  const status = (TABS.some((t) => t.status === search.status) ? search.status : "active") as BlockListStatus;
  const kind = search.kind === "authenticated" || search.kind === "anonymous" ? search.kind : "all";
  const db = await getDb();
  const now = new Date();
  let page: Awaited<ReturnType<typeof listLiveChatBlocks>>;
  try {
    page = await listLiveChatBlocks.fromUntrusted({
      db,
      actor,
      input: { status, kind, q: search.q || undefined, cursor: search.cursor || undefined },
      now,
    });
  } catch (error) {
    // A stale or hand-edited cursor: start from the first page.
    if (!(error instanceof AppError && error.status === 400)) throw error;
    page = await listLiveChatBlocks.fromUntrusted({
      db,
      actor,
      input: { status, kind, q: search.q || undefined },
      now,
    });
  }
  const counts = await countLiveChatBlocks({ db, actor, now });
  const contactIds = [...new Set(page.items.filter((b) => !b.conversationId).map((b) => b.contact.id))];
  const latest = contactIds.length
    ? await db.conversation.findMany({
        where: { tenantId: actor.tenantId, contactId: { in: contactIds } },
        orderBy: { lastMessageAt: "desc" },
        distinct: ["contactId"],
        select: { id: true, contactId: true },
      })
    : [];
  const chatOf = (block: LiveChatBlockView) =>
    block.conversationId ?? latest.find((c) => c.contactId === block.contact.id)?.id ?? null;
  const admin = can(actor, "liveChat.unblock", { tenantId: actor.tenantId });
  // The first shown block to run out: the page refreshes then (no event says so at that time).
  const refreshAt =
    page.items
      .filter((block) => block.status === "active")
      .map((block) => block.blockedUntil)
      .sort()[0] ?? null;

  const emptyText = search.q
    ? "No blocks match this search."
    : status === "active"
      ? "Nobody is blocked from live chat right now."
      : "Nothing here yet.";
  return (
    <div className="h-full overflow-y-auto" data-live-scroll>
      <header className="border-b border-slate-200 bg-white px-4 pt-4 md:px-8">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold">Live Chat Blacklist</h1>
            <p className="mt-0.5 max-w-2xl text-sm text-slate-600">
              Users blocked from the live-chat queue. Signed-in users are blocked everywhere; anonymous visitors in one
              chat. Blocks end on their own at the time shown{admin ? "; you can lift one sooner" : ""}. Their messages
              are always received.
            </p>
          </div>
          {/* The table follows blocks placed, lifted and run out (./live-updates.tsx); beside the title. */}
          <div className="self-start">
            <Suspense fallback={null}>
              <LiveChatBlocksLiveUpdates refreshAt={refreshAt} />
            </Suspense>
          </div>
        </div>
        <TabNav
          label="Block status"
          tabs={TABS.map((tab) => ({
            href: href(search, { status: tab.status === "active" ? undefined : tab.status }),
            label: tab.label,
            current: status === tab.status,
            count:
              tab.status === "all" ? undefined : { value: counts[tab.status], testId: `blocks-count-${tab.status}` },
          }))}
        />
      </header>

      <main className="space-y-4 px-4 py-5 md:px-8" data-live-region>
        <form className="flex flex-wrap items-end gap-2" action="/live-chat-blacklist" role="search">
          {status !== "active" && <input type="hidden" name="status" value={status} />}
          <div className="relative min-w-56 flex-1 sm:max-w-sm">
            <label htmlFor="block-search" className="sr-only">
              Search by user
            </label>
            <Icon name="search" className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
            <input
              id="block-search"
              name="q"
              type="search"
              defaultValue={search.q ?? ""}
              placeholder="Search by name or user id"
              className={[
                "block w-full rounded-md border border-slate-300 bg-white py-2 pl-8",
                "pr-3 text-sm focus:border-brand-500 focus:outline-none",
              ].join(" ")}
            />
          </div>
          <label htmlFor="block-kind" className="sr-only">
            Kind of user
          </label>
          <select
            id="block-kind"
            name="kind"
            defaultValue={kind}
            className="rounded-md border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm"
          >
            <option value="all">All users</option>
            <option value="authenticated">Signed-in users</option>
            <option value="anonymous">Anonymous visitors</option>
          </select>
          <button
            type="submit"
            className={[
              "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm",
              "font-medium text-slate-800 shadow-xs hover:bg-slate-50",
            ].join(" ")}
          >
            Filter
          </button>
          {(search.q || kind !== "all") && (
            <Link
              href={href({ status: search.status }, {})}
              className="px-2 py-2 text-sm text-brand-600 hover:underline"
            >
              Clear
            </Link>
          )}
        </form>

        <DataTable
          label="Live-chat blocks"
          phoneCards
          columns={[
            { header: "User" },
            { header: "Until" },
            { header: "Reason" },
            { header: "Blocked" },
            { header: "Refused" },
            { header: "Actions", srOnly: true },
          ]}
          testId="live-chat-blocks"
          rowCount={page.items.length}
          empty={emptyText}
        >
          {page.items.map((block) => {
            const chat = chatOf(block);
            const lifted = liftedBy(block);
            return (
              <tr key={block.id} data-testid="live-chat-block-row" className="align-top">
                <td className="px-4 py-3">
                  <div className="flex items-center gap-2">
                    <span className="font-medium text-slate-900">{block.contact.name}</span>
                    <BlockStatusChip block={block} />
                  </div>
                  <div className="mt-0.5 text-xs text-slate-500">
                    {block.authenticated
                      ? `Signed in · ${block.contact.externalId ?? "—"}`
                      : "Anonymous · this chat only"}
                    {chat && (
                      <>
                        {" · "}
                        <RowLink
                          href={`/inbox/all?c=${encodeURIComponent(chat)}`}
                          className="text-brand-600 hover:underline"
                        >
                          Open chat
                        </RowLink>
                      </>
                    )}
                  </div>
                </td>
                {/* data-label: the column's name on a phone card (components/ui/data-table.tsx). */}
                <td className="whitespace-nowrap px-4 py-3 text-slate-800" data-label="Until">
                  <LocalTime iso={block.blockedUntil} />
                  {lifted && (
                    <div className="mt-0.5 whitespace-normal text-xs text-slate-500">
                      {lifted}
                      {block.unblockedAt ? (
                        <>
                          , <LocalTime iso={block.unblockedAt} relative />
                        </>
                      ) : null}
                    </div>
                  )}
                </td>
                <td className="max-w-xs px-4 py-3 text-slate-700" data-label="Reason">
                  <p className="line-clamp-2 break-words" title={block.reason}>
                    {block.reason}
                  </p>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700" data-label="Blocked">
                  <LocalTime iso={block.blockedAt} />
                  <div className="text-xs text-slate-500">by {block.blockedBy.name}</div>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700" data-label="Refused">
                  <span className="tabular-nums">{block.hitCount}</span>
                  {block.lastHitAt && (
                    <div className="text-xs text-slate-500">
                      last <LocalTime iso={block.lastHitAt} relative />
                    </div>
                  )}
                </td>
                <td className="px-4 py-3 text-right">
                  {admin && block.status === "active" && (
                    <UnblockButton block={{ id: block.id, userName: block.contact.name, until: block.blockedUntil }} />
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
        {page.nextCursor && (
          <div className="flex justify-end">
            <Link
              href={
                `${href(search, {})}${href(search, {}).includes("?") ? "&" : "?"}` +
                `cursor=${encodeURIComponent(page.nextCursor)}`
              }
              className="text-sm font-medium text-brand-600 hover:underline"
            >
              Older blocks →
            </Link>
          </div>
        )}
      </main>
    </div>
  );
}
