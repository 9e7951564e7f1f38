"use client";
// The Live Chat Blacklist follows blocks placed, lifted and run out without a reload
// (components/live-list.tsx). A block, a lift and a recorded expiry each send contact.updated with the
// contact's live-chat state to everyone who may see the contact — every supervisor and admin, the page's
// viewers, among them; an expiry shows at its time (`refreshAt`), before the expiry job records it.
import { LiveList } from "@/components/live-list";
import { liveChatBlockNews } from "@/lib/realtime/list-news";
import { plural } from "@/lib/ui/plural";

export function LiveChatBlocksLiveUpdates({ refreshAt }: { refreshAt: string | null }) {
  return (
    <LiveList
      testId="live-chat-blocks-live"
      news={{ "contact.updated": liveChatBlockNews }}
      // Older blocks: new ones arrive on the first page.
      placeParams={["cursor"]}
      newsLabel={(count) => (count ? plural(count, "new block") : "Updates")}
      liveTitle="Live: blocks appear, lift and run out as it happens"
      refreshAt={refreshAt}
    />
  );
}
