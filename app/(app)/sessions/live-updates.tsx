"use client";
// The Sessions list follows conversations without a reload (components/live-list.tsx): new conversations,
// statuses, assignees, bans and spam marks, messages moving a chat to the top, and a shown contact renamed. It
// hears the events the inbox hears — conversation.updated, message.created, contact.spam_changed and
// contact.updated — which the server sends only to who may see the conversation (or contact) before or after the
// change (lib/realtime/rooms.ts, the same visibility rule this page's query applies), so a limited agent learns
// nothing of chats they may not list. No event of
// its own: every viewer already receives these, and a counts-only event could not be scoped per viewer nor
// judged by the page's filters. A flood of messages is at most one refresh a second per tab (the LiveList's
// scheduler); a banned sender's held messages (the cheap lane) send no event at all.
import { LiveList } from "@/components/live-list";
import {
  sessionsContactNews,
  sessionsNews,
  sessionsSpamNews,
  type SessionsNewsFilters,
} from "@/lib/realtime/list-news";
import { plural } from "@/lib/ui/plural";

export function SessionsLiveUpdates({
  filters,
  shownNames,
}: {
  filters: SessionsNewsFilters;
  /** The contacts the page shows, by id, with the name it shows. */
  shownNames: Record<string, string>;
}) {
  const changed = sessionsNews(filters);
  return (
    <LiveList
      testId="sessions-live"
      news={{
        "conversation.updated": changed,
        "message.created": changed,
        "contact.spam_changed": sessionsSpamNews(filters),
        "contact.updated": sessionsContactNews(shownNames),
      }}
      // Older conversations: new ones arrive on the first page.
      placeParams={["cursor"]}
      newsLabel={(count) => (count ? plural(count, "new conversation") : "Updates")}
      liveTitle="Live: conversations appear and change as it happens"
    />
  );
}
