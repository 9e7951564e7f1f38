// Timeline entries shown as system lines in a conversation. Names are stored in the event's data at the
// time it happened, so the history reads the same after someone is renamed. Client-safe.
import { channelLabel } from "@/lib/channels/channels";
import { fullTime } from "@/lib/ui/format-time";

export interface TimelineEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  createdAt: string;
}

const name = (value: unknown, fallback = "someone") => (typeof value === "string" && value ? value : fallback);
const channelName = (value: unknown) => (typeof value === "string" && value ? channelLabel(value) : "this channel");

const REFUSALS: Record<string, string> = {
  IsBlockedForLiveChat: "the user is blocked from live chat",
  IsOutsideWorkingHours: "outside working hours",
  IsBanned: "the user is banned on this channel",
};

/** The sentence a timeline shows for an event: "Assigned to Ann by Bob" (times in the viewer's zone). */
export function describeEvent(event: Pick<TimelineEvent, "type" | "data">): string {
  return describeEventWith(event, fullTime);
}

/** describeEvent with the times inside the sentence written by `formatTime` (e.g. before the browser's zone is known). */
export function describeEventWith(event: Pick<TimelineEvent, "type" | "data">, formatTime: (iso: string) => string): string {
  const d = event.data;
  const at = (value: unknown) => (typeof value === "string" && value ? formatTime(value) : "?");
  const by = d.actorName ? ` by ${name(d.actorName)}` : "";
  switch (event.type) {
    case "assigned":
      return d.assigneeId === d.actorId ? `${name(d.actorName)} took the conversation` : `Assigned to ${name(d.assigneeName)}${by}`;
    case "unassigned":
      return `Unassigned from ${name(d.previousAssigneeName)}${by}`;
    case "resolved":
      return `Resolved${by}`;
    case "reopened":
      return `Reopened${by}`;
    case "reopened_by_contact":
      return "Reopened by a new message from the contact";
    case "label_added":
      return `Label “${name(d.labelName, "?")}” added${by}`;
    case "label_removed":
      return `Label “${name(d.labelName, "?")}” removed${by}`;
    case "marked_as_spam":
      return `Marked as spam${by}`;
    case "unmarked_as_spam":
      return `Un-marked as spam${by}`;
    case "spam_suspicion_dismissed":
      return `Suspicion of spam dismissed${by}`;
    case "live_chat_blocked":
      return `${d.extended ? "Live-chat block extended" : "Blocked from live chat"} until ${at(d.blockedUntil)}${by}${d.reason ? `: “${name(d.reason, "")}”` : ""}${d.leftQueue ? " · removed from the queue" : ""}`;
    case "live_chat_unblocked":
      return d.via === "flow" ? `Live-chat block lifted by the flow${by}` : `Unblocked from live chat${by}`;
    case "live_chat_block_expired":
      return `Live-chat block expired (${at(d.expiredAt)})`;
    case "live_chat_queued":
      return `Asked for an agent · #${typeof d.position === "number" ? d.position : "?"} in the queue`;
    case "live_chat_refused":
      return `Asked for an agent · refused: ${REFUSALS[name(d.state, "")] ?? name(d.state, "refused")}${d.state === "IsBlockedForLiveChat" ? ` until ${at(d.blockedUntil)}` : ""}`;
    case "chat_feedback":
      return `Chat feedback${by}: “${name(d.feedback, "")}”`;
    case "client_banned":
      return `Client banned on ${channelName(d.channel)}${by} — conversation closed`;
    default:
      return typeof d.text === "string" ? d.text : event.type.replaceAll("_", " ");
  }
}
