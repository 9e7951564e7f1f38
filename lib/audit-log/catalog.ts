// What the audit log's actions mean to people: each action the app records, its group (the filter's
// "All ban actions") and the sentence the reader shows for an entry ("Lifted a ban"), from the entry's
// own data where that says more ("Banned a client on WhatsApp"). An action not listed here (a new one,
// or one an older version wrote) reads as its raw string. Shared by the server (the API's `description`)
// and the page, so it imports nothing server-only.
import { channelLabel } from "@/lib/channels/channels";

export type AuditData = Record<string, unknown>;

interface ActionInfo {
  /** The filter's name for the action: "Ban added". */
  label: string;
  /** The reader's sentence: what the actor did, without the actor (the "Who" column names them). */
  describe: (data: AuditData) => string;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const count = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const onChannel = (data: AuditData) => (text(data.channel) ? ` on ${channelLabel(String(data.channel))}` : "");
const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;
const plainList = (list: unknown) => (list === "allow" ? "Allow" : list === "deny" ? "Deny" : "a");

/** "role, name" from an update's changed fields (never their values: those are in the details). */
function changedFields(data: AuditData, ignore: string[] = []): string {
  const keys = Object.keys(data).filter((key) => !ignore.includes(key) && key !== "previous");
  return keys.length ? `: ${keys.map((key) => key.replace(/([A-Z])/g, " $1").toLowerCase()).join(", ")}` : "";
}

const fixed =
  (label: string, sentence = label): ActionInfo["describe"] =>
  () =>
    sentence;

const REFUSALS: Record<string, string> = {
  IsBanned: "the client is banned",
  IsBlockedForLiveChat: "the user is blocked from live chat",
  IsOutsideWorkingHours: "outside working hours",
};

export const AUDIT_GROUPS = {
  agent: "Agents",
  api_key: "API keys",
  ban: "Bans",
  campaign: "Campaigns",
  contact: "Users",
  conversation: "Chats",
  label: "Labels",
  live_chat: "Live chat",
  message: "Messages",
  outbox: "Outbox",
  settings: "Blacklist settings",
  spam_action: "Spam Manager actions",
  spam_list: "Allow and Deny lists",
  spam_rule: "Spam Manager rules",
  tenant: "Settings",
} as const satisfies Record<string, string>;

export type AuditGroup = keyof typeof AUDIT_GROUPS;

export const AUDIT_ACTIONS: Record<string, ActionInfo> = {
  "agent.created": {
    label: "Agent added",
    describe: (d) => `Added an agent${text(d.role) ? ` (${String(d.role).toLowerCase()})` : ""}`,
  },
  "agent.updated": { label: "Agent changed", describe: (d) => `Changed an agent${changedFields(d)}` },
  "agent.deactivated": { label: "Agent deactivated", describe: fixed("Deactivated an agent") },
  "agent.reactivated": { label: "Agent reactivated", describe: fixed("Reactivated an agent") },
  "agent.password_changed": { label: "Password changed", describe: fixed("Changed their password") },
  "agent.password_set": { label: "Password set by an admin", describe: fixed("Set an agent's password") },
  "agent.signed_out_everywhere": {
    label: "Signed out everywhere",
    describe: fixed("Signed an agent out everywhere"),
  },
  "api_key.created": { label: "API key created", describe: fixed("Created an API key") },
  "api_key.updated": { label: "API key changed", describe: (d) => `Changed an API key${changedFields(d)}` },
  "api_key.revoked": { label: "API key revoked", describe: fixed("Revoked an API key") },
  "ban.created": { label: "Ban added", describe: (d) => `Banned a client${onChannel(d)}` },
  "ban.deactivated": { label: "Ban lifted", describe: (d) => `Lifted a ban${onChannel(d)}` },
  "campaign.created": { label: "Campaign created", describe: fixed("Created a campaign") },
  "campaign.updated": { label: "Campaign changed", describe: fixed("Changed a campaign") },
  "campaign.deleted": { label: "Campaign deleted", describe: fixed("Deleted a campaign") },
  "campaign.sent": {
    label: "Campaign sent",
    describe: (d) =>
      count(d.audienceCount) === null
        ? "Sent a campaign"
        : `Sent a campaign to ${count(d.audienceCount)} ${count(d.audienceCount) === 1 ? "user" : "users"}`,
  },
  "campaign.activated": { label: "Campaign activated", describe: fixed("Activated an ongoing campaign") },
  "campaign.paused": { label: "Campaign paused", describe: fixed("Paused an ongoing campaign") },
  "contact.marked_as_spam": { label: "User marked as spam", describe: fixed("Marked a user as spam") },
  "contact.unmarked_as_spam": { label: "User un-marked as spam", describe: fixed("Un-marked a user as spam") },
  "contact.updated": { label: "User edited", describe: fixed("Edited a user's details") },
  "contact.flagged_for_review": { label: "User flagged for review", describe: fixed("Flagged a user for review") },
  "conversation.assigned": { label: "Chat assigned", describe: fixed("Assigned a chat") },
  "conversation.unassigned": { label: "Chat unassigned", describe: fixed("Unassigned a chat") },
  "conversation.resolved": { label: "Chat resolved", describe: fixed("Resolved a chat") },
  "conversation.reopened": { label: "Chat reopened", describe: fixed("Reopened a chat") },
  "conversation.label_added": { label: "Label added to a chat", describe: fixed("Labelled a chat") },
  "conversation.label_removed": { label: "Label removed from a chat", describe: fixed("Removed a label from a chat") },
  "conversation.feedback_added": { label: "Chat feedback", describe: fixed("Added feedback to a chat") },
  "conversation.spam_suspicion_dismissed": {
    label: "Spam suspicion dismissed",
    describe: fixed("Dismissed a chat's spam suspicion"),
  },
  "label.created": { label: "Label created", describe: fixed("Created a label") },
  "label.updated": { label: "Label changed", describe: fixed("Changed a label") },
  "label.deleted": { label: "Label deleted", describe: fixed("Deleted a label") },
  "live_chat.blocked": {
    label: "Blocked from live chat",
    describe: (d) =>
      count(d.minutes) !== null && count(d.minutes)! % 1440 === 0
        ? `Blocked a user from live chat for ${days(count(d.minutes)! / 1440)}`
        : "Blocked a user from live chat",
  },
  "live_chat.unblocked": { label: "Live-chat block lifted", describe: fixed("Lifted a live-chat block") },
  "live_chat.block_expired": { label: "Live-chat block expired", describe: fixed("A live-chat block ended") },
  "live_chat.connect_refused": {
    label: "Live chat refused",
    describe: (d) => {
      const why = REFUSALS[String(d.state)];
      return why ? `Refused a live-chat request: ${why}` : "Refused a live-chat request";
    },
  },
  "live_chat.queued": { label: "Queued for live chat", describe: fixed("Put a visitor in the live-chat queue") },
  "message.sent": { label: "Reply sent", describe: fixed("Sent a reply") },
  "outbox.sent": { label: "Delivery confirmed", describe: fixed("Confirmed a message was delivered") },
  "outbox.failed": { label: "Delivery failed", describe: fixed("Reported a message could not be delivered") },
  "settings.operator_bans": {
    label: "Operator bans switched",
    describe: (d) =>
      d.enabled === true
        ? "Let agents ban clients"
        : d.enabled === false
          ? "Stopped agents banning clients"
          : "Changed whether agents may ban",
  },
  "spam_action.created": { label: "Action created", describe: fixed("Created a Spam Manager action") },
  "spam_action.updated": { label: "Action changed", describe: fixed("Changed a Spam Manager action") },
  "spam_action.deleted": { label: "Action deleted", describe: fixed("Deleted a Spam Manager action") },
  "spam_list.entry_added": {
    label: "Added to a list",
    describe: (d) => `Added ${text(d.value) ?? "a string"} to the ${plainList(d.list)} list`,
  },
  "spam_list.entry_moved": {
    label: "Moved between lists",
    describe: (d) => `Moved ${text(d.value) ?? "a string"} to the ${plainList(d.list)} list`,
  },
  "spam_list.entry_deleted": {
    label: "Removed from a list",
    describe: (d) => `Removed ${text(d.value) ?? "a string"} from the ${plainList(d.list)} list`,
  },
  "spam_rule.created": { label: "Rule created", describe: fixed("Created a Spam Manager rule") },
  "spam_rule.updated": { label: "Rule changed", describe: fixed("Changed a Spam Manager rule") },
  "spam_rule.deleted": { label: "Rule deleted", describe: fixed("Deleted a Spam Manager rule") },
  "tenant.general_settings_updated": {
    label: "General settings changed",
    describe: (d) => `Changed general settings${changedFields(d)}`,
  },
  "tenant.live_chat_settings_updated": {
    label: "Live-chat settings changed",
    describe: fixed("Changed live-chat settings"),
  },
  "tenant.live_chat_flood_limits_updated": {
    label: "Flood limits changed",
    describe: fixed("Changed the live-chat flood limits"),
  },
  "tenant.widget_secret_rotated": { label: "Widget secret rotated", describe: fixed("Rotated the widget secret") },
  "tenant.spam_settings_updated": {
    label: "Spam list settings changed",
    describe: (d) => `Changed spam list settings${changedFields(d)}`,
  },
  "tenant.audit_log_retention_updated": {
    label: "Audit log retention changed",
    describe: (d) => {
      const now = count(d.auditLogRetentionDays);
      const before = count(d.previous);
      if (now === null) return "Changed how long the audit log is kept";
      const was = before !== null && before !== now ? ` (was ${days(before)})` : "";
      return `Set the audit log to keep ${days(now)}${was}`;
    },
  },
};

/** The group of an action: what comes before its first dot ("live_chat.blocked" → "live_chat"). */
export function groupOf(action: string): string {
  const dot = action.indexOf(".");
  return dot === -1 ? action : action.slice(0, dot);
}

/** The sentence for an entry; the raw action for one this version does not know. */
export function describeAuditEntry(action: string, data: unknown): string {
  const info = AUDIT_ACTIONS[action];
  if (!info) return action;
  const record = data && typeof data === "object" && !Array.isArray(data) ? (data as AuditData) : {};
  try {
    return info.describe(record);
  } catch {
    // Data an older version wrote in another shape: the plain sentence rather than a broken page.
    return info.label;
  }
}

/** The filter's options: each group with its actions, in the groups' order. */
export function auditActionOptions(): Array<{ group: string; label: string; actions: Array<[string, string]> }> {
  return Object.entries(AUDIT_GROUPS).map(([group, label]) => ({
    group,
    label,
    actions: Object.entries(AUDIT_ACTIONS)
      .filter(([action]) => groupOf(action) === group)
      .map(([action, info]) => [action, info.label]),
  }));
}
