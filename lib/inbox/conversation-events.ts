// The sentence a timeline shows for each kind of entry (lib/conversations/timeline-events.ts types
// them). Names are stored in the event's data at the time it happened, so the history reads the same
// after someone is renamed. Client-safe.
import { channelLabel } from "@/lib/channels/channels";
import { fullTime } from "@/lib/ui/format-time";
import type { TimelineEntry, TimelineEvent } from "@/lib/conversations/timeline-events";

export type { TimelineEvent };

const name = (value: unknown, fallback = "someone") => (typeof value === "string" && value ? value : fallback);
const channelName = (value: unknown) => (typeof value === "string" && value ? channelLabel(value) : "this channel");

const REFUSALS: Record<string, string> = {
  IsBlockedForLiveChat: "the user is blocked from live chat",
  IsOutsideWorkingHours: "outside working hours",
  IsBanned: "the user is banned on this channel",
};

/** The sentence a timeline shows for an event: "Assigned to Ann by Bob" (times in the viewer's zone). */
export function describeEvent(event: TimelineEntry): string {
  return describeEventWith(event, fullTime);
}

/**
 * describeEvent with the times inside the sentence written by `formatTime` (e.g. before the browser's
 * zone is known). Switches on the entry's type, so each case reads that type's data; the fallbacks
 * (name(), "?") keep rows written before a field existed readable.
 */
export function describeEventWith(event: TimelineEntry, formatTime: (iso: string) => string): string {
  const at = (value: unknown) => (typeof value === "string" && value ? formatTime(value) : "?");
  const actorName = "actorName" in event.data ? event.data.actorName : undefined;
  const by = actorName ? ` by ${name(actorName)}` : "";
  switch (event.type) {
    case "assigned": {
      const d = event.data;
      return d.assigneeId === d.actorId
        ? `${name(d.actorName)} took the conversation`
        : `Assigned to ${name(d.assigneeName)}${by}`;
    }
    case "unassigned":
      return `Unassigned from ${name(event.data.previousAssigneeName)}${by}`;
    case "resolved":
      return `Resolved${by}`;
    case "reopened":
      return `Reopened${by}`;
    case "reopened_by_contact":
      return "Reopened by a new message from the contact";
    case "label_added":
      return `Label “${name(event.data.labelName, "?")}” added${by}`;
    case "label_removed":
      return `Label “${name(event.data.labelName, "?")}” removed${by}`;
    case "marked_as_spam":
      return `Marked as spam${by}`;
    case "unmarked_as_spam":
      return `Un-marked as spam${by}`;
    case "spam_suspicion_dismissed":
      return `Suspicion of spam dismissed${by}`;
    case "live_chat_blocked": {
      const d = event.data;
      const blocked = d.extended ? "Live-chat block extended" : "Blocked from live chat";
      const reason = d.reason ? `: “${name(d.reason, "")}”` : "";
      return `${blocked} until ${at(d.blockedUntil)}${by}${reason}${d.leftQueue ? " · removed from the queue" : ""}`;
    }
    case "live_chat_unblocked":
      return event.data.via === "flow" ? `Live-chat block lifted by the flow${by}` : `Unblocked from live chat${by}`;
    case "live_chat_block_expired":
      return `Live-chat block expired (${at(event.data.expiredAt)})`;
    case "live_chat_queued": {
      const position = typeof event.data.position === "number" ? event.data.position : "?";
      return `Asked for an agent · #${position} in the queue`;
    }
    case "live_chat_refused": {
      const d = event.data;
      const refusal = REFUSALS[name(d.state, "")] ?? name(d.state, "refused");
      const until = d.state === "IsBlockedForLiveChat" ? ` until ${at(d.blockedUntil)}` : "";
      const repeats =
        typeof d.attempts === "number" && d.attempts > 1
          ? ` · ${d.attempts} attempts, the last at ${at(d.lastAttemptAt)}`
          : "";
      return `Asked for an agent · refused: ${refusal}${until}${repeats}`;
    }
    case "chat_feedback":
      return `Chat feedback${by}: “${name(event.data.feedback, "")}”`;
    case "lines_omitted": {
      const count = typeof event.data.count === "number" ? event.data.count : 0;
      return `${count} earlier line${count === 1 ? "" : "s"} between these messages not shown (the newest are)`;
    }
    case "client_banned":
      return `Client banned on ${channelName(event.data.channel)}${by} — conversation closed`;
    default: {
      // A type this build does not know (a newer server's): its own text, or its name in words.
      const unknown = event as { type: string; data: { text?: unknown } };
      return typeof unknown.data.text === "string" ? unknown.data.text : unknown.type.replaceAll("_", " ");
    }
  }
}
