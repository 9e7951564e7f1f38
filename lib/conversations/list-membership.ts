// Which inbox lists a conversation is in, for a given viewer. The browser uses this to move rows and
// adjust counts on realtime events; lib/inbox/list-conversations.ts expresses the same rule as SQL
// (tests/integration/inbox-lists.test.ts checks the two agree). Client-safe.
import type { ListFacts } from "./conversation-summary";
import { canSeeConversation, type Viewer } from "./visibility";

export type { Viewer };

export { listFactsOf } from "./conversation-summary";

export const INBOX_LISTS = ["all", "mine", "unassigned", "waiting", "resolved", "suspected", "spam"] as const;
export type InboxList = (typeof INBOX_LISTS)[number];

export const LIST_LABELS: Record<InboxList, string> = {
  all: "All",
  mine: "You",
  unassigned: "Unassigned",
  waiting: "Waiting",
  resolved: "Resolved",
  suspected: "Suspected",
  spam: "Spam",
};

/** Lists a viewer has: agents without All access do not get the All list. */
export function availableLists(viewer: Viewer): InboxList[] {
  return INBOX_LISTS.filter((list) =>
    list === "all" ? viewer.seesAllChats : list === "mine" ? viewer.agentId !== null : true,
  );
}

/** The conversation-visibility rule (lib/conversations/visibility.ts), on list facts. */
export const canSeeInLists: (viewer: Viewer, facts: ListFacts) => boolean = canSeeConversation;

export function isInList(list: InboxList, viewer: Viewer, facts: ListFacts): boolean {
  if (!canSeeInLists(viewer, facts) || !availableLists(viewer).includes(list)) return false;
  switch (list) {
    case "all":
      return facts.bucket === "active";
    case "mine":
      return facts.bucket === "active" && facts.assigneeId === viewer.agentId;
    case "unassigned":
      return facts.bucket === "active" && facts.assigneeId === null;
    case "waiting":
      // The live-chat queue: asked for an agent, nobody has taken them yet.
      return facts.bucket === "active" && facts.status === "waiting" && facts.assigneeId === null;
    case "resolved":
      return facts.bucket === "resolved";
    case "suspected":
      return facts.bucket === "suspected";
    case "spam":
      return facts.bucket === "spam";
  }
}

/** +1 / -1 / 0 per list: how a change from `before` to `after` moves a viewer's counts. */
export function countDeltas(
  viewer: Viewer,
  after: ListFacts,
  before: ListFacts | null,
): Partial<Record<InboxList, number>> {
  const deltas: Partial<Record<InboxList, number>> = {};
  for (const list of availableLists(viewer)) {
    const delta = Number(isInList(list, viewer, after)) - Number(before ? isInList(list, viewer, before) : false);
    if (delta) deltas[list] = delta;
  }
  return deltas;
}
