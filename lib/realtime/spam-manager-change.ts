// What the Spam Manager's pages hear (spam_manager.changed): counts of what changed, never content, so
// that a page refreshes only when it shows it and can say how much is new. Shared by server and browser.
import type { SpamKind } from "@/lib/spam-manager/kinds";

/**
 * Something the Spam Manager shows changed. Sent to the tenant's supervisors and admins only, coalesced
 * per tenant on each instance (lib/realtime/coalesce.ts): one event carries everything since the last.
 */
export interface SpamManagerChangedEvent {
  /** Incoming messages whose spam strings were recorded. */
  posts: number;
  /** The same messages by the kinds of string they named (a message naming a domain and a URL counts in both). */
  postsByKind: Partial<Record<SpamKind, number>>;
  /** Action runs written to the Actions Log, by a moderator or a rule. */
  runs: number;
  /** An Allow/Deny entry was added, moved or removed: strings move between the tabs. */
  lists: boolean;
  /** A user's spam mark or review flag changed (the Users tab's badges). */
  users: boolean;
}

/** One change as a use case reports it: only what it touched. */
export type SpamManagerChange = Partial<SpamManagerChangedEvent>;

export const NO_SPAM_MANAGER_CHANGE: SpamManagerChangedEvent = {
  posts: 0,
  postsByKind: {},
  runs: 0,
  lists: false,
  users: false,
};

/** Two changes as one (the sum of the counts). */
export function mergeSpamManagerChanges(a: SpamManagerChange, b: SpamManagerChange): SpamManagerChangedEvent {
  const postsByKind: Partial<Record<SpamKind, number>> = { ...a.postsByKind };
  for (const [kind, count] of Object.entries(b.postsByKind ?? {}) as Array<[SpamKind, number]>)
    postsByKind[kind] = (postsByKind[kind] ?? 0) + count;
  return {
    posts: (a.posts ?? 0) + (b.posts ?? 0),
    postsByKind,
    runs: (a.runs ?? 0) + (b.runs ?? 0),
    lists: Boolean(a.lists || b.lists),
    users: Boolean(a.users || b.users),
  };
}

/** One message whose strings (of these kinds) were recorded. */
export function postedStrings(strings: ReadonlyArray<{ kind: SpamKind }>): SpamManagerChange {
  if (!strings.length) return {};
  const postsByKind: Partial<Record<SpamKind, number>> = {};
  for (const kind of new Set(strings.map((s) => s.kind))) postsByKind[kind] = 1;
  return { posts: 1, postsByKind };
}

/** The Spam Manager's tabs that show a list which can change under the viewer. */
export type SpamManagerLiveTab = SpamKind | "lists" | "users" | "log";

/**
 * How much of a change a tab shows: the count of new posts or runs it can say ("12 new posts"), 0 when the
 * change touches it without a count (a list entry, a mark), null when it does not touch it at all.
 */
export function relevantChange(tab: SpamManagerLiveTab, change: SpamManagerChange): number | null {
  const posts = change.posts ?? 0;
  switch (tab) {
    case "log":
      return change.runs ? change.runs : null;
    case "users":
      return posts || change.runs || change.lists || change.users ? posts : null;
    case "lists":
      return posts || change.lists ? posts : null;
    default: {
      // A string tab: posts naming its kind; a list change moves strings in or out of it.
      const ofKind = change.postsByKind?.[tab] ?? 0;
      return ofKind || change.lists ? ofKind : null;
    }
  }
}
