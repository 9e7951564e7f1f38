"use client";
// The Blacklist follows bans placed and deactivated without a reload (components/live-list.tsx):
// blacklist.changed tells who may manage bans how many, coalesced to one event a second per tenant — never a
// ban's hits, which a banned sender's flood would make every second. A ban that runs out shows at its time
// (`refreshAt`): no event tells it.
import { LiveList } from "@/components/live-list";
import { blacklistNews } from "@/lib/realtime/list-news";
import { plural } from "@/lib/ui/plural";

export function BlacklistLiveUpdates({ refreshAt }: { refreshAt: string | null }) {
  return (
    <LiveList
      testId="blacklist-live"
      news={{ "blacklist.changed": blacklistNews }}
      // A later page (a cursor, or an old link's page number): new bans arrive on the first or move every row.
      placeParams={["cursor", "page"]}
      newsLabel={(count) => (count ? plural(count, "new ban") : "Updates")}
      liveTitle="Live: bans appear and change as they are placed and lifted"
      refreshAt={refreshAt}
    />
  );
}
