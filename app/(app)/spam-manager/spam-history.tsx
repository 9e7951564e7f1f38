// The Spam History of one string: its list status, counts and every stored message containing it,
// with the user, channel and a link to the conversation.
import Link from "next/link";
import { getDb } from "@/lib/db";
import { requireAgentOrRedirect } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSpamString, listSpamStringPosts } from "@/lib/spam-manager/spam-strings";
import { KIND_LABELS } from "@/lib/spam-manager/kinds";
import { CHANNEL_INFO } from "@/lib/channels/channels";
import { ChannelIcon } from "@/components/channel-icon";
import { DetailPane, DetailPaneGone } from "@/components/ui/master-detail";
import { PostHistory } from "@/components/ui/post-history";
import { EntryButtons, ListButtons } from "./list-controls";
import { BanPostersButton } from "./ban-posters-button";
import { LocalTime } from "./local-time";
import { conversationHref, formatCount, HighlightedText, KindIcon, ListBadge, plural } from "./spam-ui";
import { DisguisedBadge, WrittenAs } from "./disguise-ui";

export async function SpamHistoryPanel({
  spamStringId,
  historyCursor,
  closeHref,
  pageHref,
  backLabel,
}: {
  spamStringId: string;
  historyCursor?: string;
  closeHref: string;
  pageHref: (cursor: string | null) => string;
  backLabel: string;
}) {
  const actor = await requireAgentOrRedirect();
  const db = await getDb();
  let detail: Awaited<ReturnType<typeof getSpamString>>;
  let posts: Awaited<ReturnType<typeof listSpamStringPosts>>;
  try {
    detail = await getSpamString({ db, actor, spamStringId });
    posts = await listSpamStringPosts.fromUntrusted({
      db,
      actor,
      spamStringId,
      input: { limit: 25, ...(historyCursor ? { cursor: historyCursor } : {}) },
    });
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 400)) throw error;
    return (
      <DetailPaneGone label="Spam History" closeHref={closeHref} backLabel={backLabel}>
        This string is no longer stored (its posts were older than the retention window).
      </DetailPaneGone>
    );
  }

  return (
    <DetailPane
      label="Spam History"
      testId="spam-history"
      closeHref={closeHref}
      backLabel={backLabel}
      header={
        <>
          <div className="flex items-start gap-2">
            <KindIcon kind={detail.kind} className="mt-0.5 h-5 w-5 shrink-0 text-slate-400" />
            <h2
              className="min-w-0 break-all font-mono text-base font-semibold text-slate-900"
              data-testid="spam-history-value"
            >
              {detail.value}
            </h2>
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
            <ListBadge list={detail.effectiveList} />
            <DisguisedBadge count={detail.obfuscatedPosts} posts={detail.posts} />
            <span>{KIND_LABELS[detail.kind].one}</span>
            {detail.domain && detail.domain !== detail.value && (
              <span className="break-all">
                of <span className="font-mono">{detail.domain}</span>
              </span>
            )}
          </div>
          {/* Listed through a relative (list-coverage.ts): say which, so the badge is not a riddle. */}
          {detail.list === null && detail.effectiveList !== null && (
            <p className="mt-2 text-xs text-slate-600" data-testid="spam-history-covered">
              {detail.coveredBy ? (
                <>
                  {detail.coveredBy.list === "deny" ? "Denied" : "Allowed"} with its domain{" "}
                  <span className="font-mono">{detail.coveredBy.value}</span>. Allow or deny it here to decide for this
                  URL alone.
                </>
              ) : (
                "Denied: every URL of this domain is on the Deny list."
              )}
            </p>
          )}
          <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
            <div className="rounded-md bg-slate-50 px-2 py-1.5">
              <dt className="text-[11px] uppercase tracking-wide text-slate-500">Posts</dt>
              <dd className="text-sm font-semibold tabular-nums">{formatCount(detail.posts)}</dd>
            </div>
            <div className="rounded-md bg-slate-50 px-2 py-1.5">
              <dt className="text-[11px] uppercase tracking-wide text-slate-500">Users</dt>
              <dd className="text-sm font-semibold tabular-nums">{formatCount(detail.users)}</dd>
            </div>
            <div className="rounded-md bg-slate-50 px-2 py-1.5">
              <dt className="text-[11px] uppercase tracking-wide text-slate-500">Last seen</dt>
              <dd className="text-sm font-semibold">
                <LocalTime iso={detail.lastSeenAt.toISOString()} compact />
              </dd>
            </div>
          </dl>
          <div className="mt-3 flex flex-wrap gap-2">
            {detail.list === null && <ListButtons kind={detail.kind} value={detail.value} size="md" />}
            {detail.list !== null && detail.entryId && (
              <EntryButtons entry={{ id: detail.entryId, list: detail.list, kind: detail.kind, value: detail.value }} />
            )}
            {detail.list === "deny" && <BanPostersButton spamStringId={detail.id} value={detail.value} size="md" />}
          </div>
        </>
      }
    >
      <PostHistory
        label={`Messages containing ${detail.value}`}
        posts={posts.items}
        postKey={(post) => post.id}
        postTestId="spam-history-post"
        empty="No stored posts contain it any more."
        newestHref={historyCursor ? pageHref(null) : null}
        olderHref={posts.nextCursor ? pageHref(posts.nextCursor) : null}
      >
        {(post) => (
          <>
            <div className="flex items-center justify-between gap-2 text-xs text-slate-500">
              <span className="flex min-w-0 items-center gap-1.5">
                <ChannelIcon channel={post.channel} className="h-3.5 w-3.5" />
                <Link
                  href={`/spam-manager/users?u=${encodeURIComponent(post.contact.id)}`}
                  className="truncate font-medium text-slate-800 hover:underline"
                >
                  {post.contact.name}
                </Link>
                <span className="hidden sm:inline">· {CHANNEL_INFO[post.channel].label}</span>
              </span>
              <LocalTime iso={post.createdAt.toISOString()} />
            </div>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">
              <HighlightedText text={post.text} needle={post.raw ?? detail.value} />
            </p>
            <WrittenAs raw={post.raw} obfuscated={post.obfuscated} />
            <Link
              href={conversationHref(post.conversation)}
              className="mt-1 inline-flex items-center gap-1 text-xs font-medium text-brand-600 hover:underline"
            >
              Open conversation →
            </Link>
          </>
        )}
      </PostHistory>
      <p className="sr-only">{plural(detail.posts, "post")}</p>
    </DetailPane>
  );
}
