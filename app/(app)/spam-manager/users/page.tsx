// The Spam Manager's Users tab: the list of users who posted spam strings, and beside it (MasterDetail)
// the selected user's posts, strings and actions.
// Over ~300 lines on purpose: the list and the detail pane read one search (its params and cursor) and
// one moderator check; the pane's pieces (PostHistory, the action controls) already live in their own files.
import type { Metadata } from "next";
import Link from "next/link";
import { RowLink } from "@/components/ui/row-link";
import { DetailPane, DetailPaneGone, MasterDetail } from "@/components/ui/master-detail";
import { PostHistory } from "@/components/ui/post-history";
import { getDb } from "@/lib/db";
import { moderatorOrNull } from "../moderator";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listSpamUsers, getSpamUser, listUserSpamPosts } from "@/lib/spam-manager/spam-users";
import { listSpamActions } from "@/lib/spam-manager/spam-actions";
import { getSpamSettings } from "@/lib/spam-manager/settings";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { ChannelIcon } from "@/components/channel-icon";
import { ClickableRow } from "../list-controls";
import { RunActionButtons } from "../run-action-buttons";
import { LocalTime } from "../local-time";
import {
  actionOption,
  conversationHref,
  EmptyState,
  formatCount,
  Pager,
  plural,
  SearchForm,
  StatusPill,
  StringChip,
  withParams,
} from "../spam-ui";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Users" };

const PATH = "/spam-manager/users";

interface Search {
  q?: string;
  cursor?: string;
  u?: string;
  hc?: string;
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await moderatorOrNull();
  // The layout tells agents the Spam Manager is not for them.
  if (!actor) return null;
  const db = await getDb();
  const search = await searchParams;
  const query = search.q ? { q: search.q } : {};
  const [settings, page] = await Promise.all([
    getSpamSettings({ db, actor }),
    listSpamUsers
      .fromUntrusted({ db, actor, input: { ...query, ...(search.cursor ? { cursor: search.cursor } : {}) } })
      .catch((error: unknown) => {
        if (error instanceof AppError && error.status === 400)
          return listSpamUsers.fromUntrusted({ db, actor, input: query });
        throw error;
      }),
  ]);
  const current = { q: search.q, cursor: search.cursor, u: search.u };
  const selected = search.u;

  return (
    <MasterDetail
      listLabelledBy="users-heading"
      detailWidth="lg"
      detail={
        selected ? (
          <UserHistoryPanel
            contactId={selected}
            historyCursor={search.hc}
            closeHref={withParams(PATH, current, { u: null, hc: null })}
            pageHref={(hc) => withParams(PATH, current, { hc })}
          />
        ) : null
      }
    >
      <div className="mb-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="users-heading" className="text-base font-semibold text-slate-900">
            Spam users
          </h2>
          <p className="text-xs text-slate-500">
            Posted denied or uncategorized strings in the last {settings.spamRetentionDays} days · most recent first
          </p>
        </div>
        <SearchForm action={PATH} q={search.q} placeholder="Search users by name" label="Search users" />
      </div>
      {page.items.length === 0 ? (
        search.q ? (
          <EmptyState icon="search" title={`No spam users match “${search.q}”`}>
            <Link href={PATH} className="font-medium text-brand-600 hover:underline">
              Clear the search
            </Link>
          </EmptyState>
        ) : (
          <EmptyState icon="users" title="No spam users">
            Users whose messages contain denied or uncategorized links, phone numbers or emails appear here, with what
            they posted and what was done about it.
          </EmptyState>
        )
      ) : (
        <DataTable
          label="Spam users"
          columns={[
            { header: "User" },
            { header: "Last spam", hideBelow: "sm", className: "whitespace-nowrap px-2" },
            { header: "Spam posts", className: "whitespace-nowrap pl-2 pr-4 text-right md:pr-2" },
            { header: "Top spam strings", hideBelow: "md", className: "whitespace-nowrap" },
            // Wide screens only, and not beside an open user's history (the cells below say the same).
            { header: "Last action", className: `hidden whitespace-nowrap ${selected ? "" : "xl:table-cell"}` },
          ]}
          testId="spam-users-table"
          rowCount={page.items.length}
          empty={null}
        >
          {page.items.map((user) => {
            const href = withParams(PATH, current, { u: user.contact.id, hc: null });
            return (
              <ClickableRow
                key={user.contact.id}
                href={href}
                selected={user.contact.id === selected}
                testId="spam-user-row"
              >
                <td className="min-w-[8.5rem] max-w-[14rem] px-4 py-3">
                  <RowLink
                    href={href}
                    scroll={false}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {user.contact.name}
                  </RowLink>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5">
                    {user.channels.map((channel) => (
                      <ChannelIcon key={channel} channel={channel} className="h-3.5 w-3.5" />
                    ))}
                    {user.contact.spamMarked && (
                      <span className="rounded bg-red-50 px-1.5 text-[11px] font-medium text-red-700">Spam</span>
                    )}
                    {user.contact.flaggedForReview && (
                      <span className="rounded bg-amber-50 px-1.5 text-[11px] font-medium text-amber-800">Flagged</span>
                    )}
                    <span className="text-xs text-slate-500 sm:hidden">
                      <LocalTime iso={user.lastSpamPostAt.toISOString()} compact />
                    </span>
                  </div>
                  {/* Phones have no column for the strings: the top two go under the name. */}
                  <div className="mt-1.5 flex max-w-[16rem] flex-wrap gap-1 md:hidden">
                    {user.topStrings.slice(0, 2).map((s) => (
                      <StringChip key={s.id} value={s.value} list={s.list} />
                    ))}
                  </div>
                </td>
                <td className="hidden whitespace-nowrap px-2 py-3 text-slate-600 sm:table-cell">
                  <LocalTime iso={user.lastSpamPostAt.toISOString()} compact />
                </td>
                <td className="py-3 pl-2 pr-4 text-right font-medium tabular-nums md:pr-2">
                  {formatCount(user.spamPosts)}
                </td>
                <td className="hidden w-full max-w-0 px-4 py-3 md:table-cell">
                  <div className="flex flex-wrap gap-1">
                    {user.topStrings.map((s) => (
                      <StringChip key={s.id} value={s.value} list={s.list} count={s.posts} />
                    ))}
                  </div>
                </td>
                <td className={`hidden min-w-[11rem] px-4 py-3 text-xs ${selected ? "" : "xl:table-cell"}`}>
                  {user.lastAction ? (
                    <div className="space-y-0.5">
                      <div className="font-medium text-slate-800">{user.lastAction.actionName}</div>
                      <div className="text-slate-500">
                        {user.lastAction.manual
                          ? "Manual"
                          : `Rule${user.lastAction.ruleName ? ` “${user.lastAction.ruleName}”` : ""}`}{" "}
                        · <LocalTime iso={user.lastAction.createdAt.toISOString()} compact />
                      </div>
                      {user.lastAction.status === "failed" && <StatusPill status="failed" />}
                    </div>
                  ) : (
                    <span className="text-slate-400">None</span>
                  )}
                </td>
              </ClickableRow>
            );
          })}
        </DataTable>
      )}
      <Pager
        label="More users"
        first={search.cursor ? withParams(PATH, current, { cursor: null, u: null }) : null}
        next={page.nextCursor ? withParams(PATH, current, { cursor: page.nextCursor, u: null }) : null}
      />
    </MasterDetail>
  );
}

async function UserHistoryPanel({
  contactId,
  historyCursor,
  closeHref,
  pageHref,
}: {
  contactId: string;
  historyCursor?: string;
  closeHref: string;
  pageHref: (cursor: string | null) => string;
}) {
  const actor = await requireAgentOrRedirect();
  const db = await getDb();
  let user: Awaited<ReturnType<typeof getSpamUser>>;
  let posts: Awaited<ReturnType<typeof listUserSpamPosts>>;
  try {
    user = await getSpamUser({ db, actor, contactId });
    posts = await listUserSpamPosts.fromUntrusted({
      db,
      actor,
      contactId,
      input: { limit: 25, ...(historyCursor ? { cursor: historyCursor } : {}) },
    });
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 400)) throw error;
    return (
      <DetailPaneGone label="User History" closeHref={closeHref} backLabel="Back to Users">
        This user no longer exists.
      </DetailPaneGone>
    );
  }
  const actions = await listSpamActions({ db, actor });
  const { contact } = user;

  return (
    <DetailPane
      label="User History"
      testId="user-history"
      closeHref={closeHref}
      backLabel="Back to Users"
      header={
        <div className="space-y-3">
          <div>
            <h2 className="break-words text-base font-semibold text-slate-900" data-testid="user-history-name">
              {contact.name}
            </h2>
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {user.identities.map((identity) => (
                <li key={`${identity.channel}:${identity.identifier}`} className="flex items-center gap-1.5">
                  <ChannelIcon channel={identity.channel} className="h-3.5 w-3.5" />
                  <span className="break-all">{identity.identifier}</span>
                  <span className="text-slate-400">· {CHANNEL_INFO[identity.channel].label}</span>
                </li>
              ))}
            </ul>
          </div>
          <div className="flex flex-wrap gap-2 text-xs" data-testid="user-status">
            <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
              {plural(user.spamPostsInWindow, "spam post")} in the window
            </span>
            {contact.spamMarkedAt && (
              <span
                className={[
                  "rounded-full bg-red-50 px-2 py-0.5 font-medium",
                  "text-red-700 ring-1 ring-inset ring-red-200",
                ].join(" ")}
              >
                Marked as spam <LocalTime iso={contact.spamMarkedAt.toISOString()} compact />
              </span>
            )}
            {contact.flaggedForReviewAt && (
              <span
                className={[
                  "rounded-full bg-amber-50 px-2 py-0.5 font-medium",
                  "text-amber-800 ring-1 ring-inset ring-amber-200",
                ].join(" ")}
              >
                Flagged for review <LocalTime iso={contact.flaggedForReviewAt.toISOString()} compact />
              </span>
            )}
          </div>
          {user.lastAction && (
            <p className="text-xs text-slate-600">
              Last action: <span className="font-medium text-slate-800">{user.lastAction.actionName}</span> (
              {user.lastAction.manual
                ? "manual"
                : `rule${user.lastAction.ruleName ? ` “${user.lastAction.ruleName}”` : ""}`}
              , <LocalTime iso={user.lastAction.createdAt.toISOString()} compact />){" "}
              <StatusPill status={user.lastAction.status} />{" "}
              <RowLink
                href={`/spam-manager/log?contactId=${encodeURIComponent(contact.id)}`}
                className="font-medium text-brand-600 hover:underline"
              >
                All runs
              </RowLink>
            </p>
          )}
          <RunActionButtons actions={actions.map(actionOption)} contact={{ id: contact.id, name: contact.name }} />
        </div>
      }
    >
      <PostHistory
        label={`Spam posts of ${contact.name}`}
        posts={posts.items}
        postKey={(post) => post.messageId}
        postTestId="user-history-post"
        empty="No stored spam posts."
        newestHref={historyCursor ? pageHref(null) : null}
        olderHref={posts.nextCursor ? pageHref(posts.nextCursor) : null}
      >
        {(post) => (
          <>
            <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
              <span className="flex items-center gap-1.5">
                <ChannelIcon channel={post.channel} className="h-3.5 w-3.5" />
                {CHANNEL_INFO[post.channel].label}
              </span>
              <LocalTime iso={post.createdAt.toISOString()} />
            </div>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{post.text}</p>
            <div className="mt-1.5 flex flex-wrap items-center gap-1">
              {post.strings.map((s) => (
                <StringChip key={s.id} value={s.value} list={s.list} />
              ))}
            </div>
            <RowLink
              href={conversationHref(post.conversation)}
              className="mt-1.5 inline-flex text-xs font-medium text-brand-600 hover:underline"
            >
              Open conversation →
            </RowLink>
          </>
        )}
      </PostHistory>
    </DetailPane>
  );
}
