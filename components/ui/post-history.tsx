// A pane's list of posts (messages) with a pager: the Spam History of a string and the User History
// of a user. Pages are links (cursor in the URL), newest first; "Older posts" follows the cursor.
import Link from "next/link";

export function PostHistory<T>({
  label,
  posts,
  postKey,
  postTestId,
  empty,
  newestHref,
  olderHref,
  children,
}: {
  /** Names the list for screen readers: "Spam posts of Ann". */
  label: string;
  posts: readonly T[];
  postKey(post: T): string;
  postTestId: string;
  /** Said when there are no posts. */
  empty: string;
  /** Back to the first page; null on the first page. */
  newestHref: string | null;
  /** The next (older) page; null on the last page. */
  olderHref: string | null;
  /** One post's content. */
  children(post: T): React.ReactNode;
}) {
  return (
    <>
      {posts.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{empty}</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label={label}>
          {posts.map((post) => (
            <li key={postKey(post)} className="px-4 py-3" data-testid={postTestId}>
              {children(post)}
            </li>
          ))}
        </ol>
      )}
      {(newestHref || olderHref) && (
        <nav aria-label="More posts" className="flex justify-between border-t border-slate-200 px-4 py-2 text-sm">
          {newestHref ? (
            <Link href={newestHref} scroll={false} className="font-medium text-brand-600 hover:underline">
              Newest posts
            </Link>
          ) : (
            <span />
          )}
          {olderHref && (
            <Link href={olderHref} scroll={false} className="font-medium text-brand-600 hover:underline">
              Older posts
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
