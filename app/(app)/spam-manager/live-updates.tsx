"use client";
// The Spam Manager's tables follow what happens without a reload (components/live-list.tsx): the server
// tells supervisors and admins what changed (spam_manager.changed: counts, coalesced to one event a second
// per tenant), and a tab refreshes only for news it shows.
import { usePathname } from "next/navigation";
import { LiveList } from "@/components/live-list";
import { relevantChange, type SpamManagerLiveTab } from "@/lib/realtime/spam-manager-change";
import { plural } from "@/lib/ui/plural";

const LIVE_TABS: Record<string, SpamManagerLiveTab> = {
  domains: "domain",
  urls: "url",
  phones: "phone",
  emails: "email",
  lists: "lists",
  users: "users",
  log: "log",
};

/** URL parameters that mean "I am somewhere in particular": a later page, an open row and its history's page. */
const PLACE_PARAMS = ["cursor", "s", "u", "hc"];

export function SpamManagerLiveUpdates() {
  const pathname = usePathname();
  const tab = LIVE_TABS[pathname.split("/")[2] ?? ""] ?? null;
  return (
    <LiveList
      testId="spam-manager-live"
      // Actions and Rules show nothing that moves under the supervisor.
      news={tab ? { "spam_manager.changed": (event) => relevantChange(tab, event) } : {}}
      placeParams={PLACE_PARAMS}
      newsLabel={(count) => {
        if (count === 0) return "Updates";
        return tab === "log" ? plural(count, "new run") : plural(count, "new post");
      }}
      liveTitle="Live: these tables update as users post and moderators act"
    />
  );
}
