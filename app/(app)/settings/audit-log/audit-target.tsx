// "On what" in the audit log: the entry's target named as people know it, linked to where it can be seen
// (a chat's session, a ban in the Blacklist, a user's sessions), or plain text where there is no such place
// or it no longer exists.
import { RowLink } from "@/components/ui/row-link";
import type { AuditEntryView } from "@/lib/audit-log/list-audit-log";
import { channelLabel } from "@/lib/channels/channels";

type Target = NonNullable<AuditEntryView["target"]>;

const TYPE_NAMES: Record<string, string> = {
  agent: "Agent",
  api_key: "API key",
  ban: "Ban",
  campaign: "Campaign",
  contact: "User",
  conversation: "Chat",
  label: "Label",
  live_chat_block: "Live-chat block",
  outbox_message: "Outgoing message",
  spam_action: "Spam Manager action",
  spam_list_entry: "List entry",
  spam_rule: "Spam Manager rule",
  tenant: "Workspace settings",
};

/** The targets the reader looks names up for (lib/audit-log/list-audit-log.ts): a missing name means deleted. */
const NAMED_TYPES = new Set([
  "agent",
  "api_key",
  "ban",
  "campaign",
  "contact",
  "conversation",
  "label",
  "live_chat_block",
  "spam_action",
  "spam_list_entry",
  "spam_rule",
]);

/** Where a settings change can be seen, by its action. */
const SETTINGS_PAGES: Record<string, string> = {
  "tenant.general_settings_updated": "/settings/general",
  "tenant.live_chat_settings_updated": "/settings/live-chat",
  "tenant.live_chat_flood_limits_updated": "/settings/live-chat",
  "tenant.widget_secret_rotated": "/settings/live-chat",
  "tenant.spam_settings_updated": "/settings/spam",
  "tenant.audit_log_retention_updated": "/settings/audit-log",
  "settings.operator_bans": "/settings/blacklist",
};

function linkOf(entry: AuditEntryView, target: Target): { href: string; text: string } | null {
  const { id, name, extra } = target;
  const q = (value: string) => encodeURIComponent(value);
  if (target.type === "tenant") {
    const href = SETTINGS_PAGES[entry.action];
    return href ? { href, text: "Workspace settings" } : null;
  }
  if (!id || name === null) return null;
  switch (target.type) {
    case "conversation":
      return { href: `/sessions/${q(id)}`, text: `Chat with ${name}${extra ? ` · ${channelLabel(extra)}` : ""}` };
    case "contact":
      return { href: `/sessions?q=${q(name)}`, text: name };
    case "ban":
      // Active and inactive bans: a lifted ban is what an admin looks for most.
      return {
        href: `/settings/blacklist?q=${q(name)}&inactive=1`,
        text: `${name}${extra ? ` on ${channelLabel(extra)}` : ""}`,
      };
    case "live_chat_block": {
      // The chat it was set in (a signed-in user's block may outlive it: then the Live chat blocks page).
      const chat = extra ?? (typeof entry.details.conversationId === "string" ? entry.details.conversationId : null);
      return { href: chat ? `/sessions/${q(chat)}` : "/live-chat-blacklist", text: `${name}'s live-chat block` };
    }
    case "agent":
      return { href: "/settings/agents", text: name };
    case "api_key":
      return { href: "/settings/api-keys", text: name };
    case "label":
      return { href: "/settings/labels", text: name };
    case "campaign":
      return { href: `/campaigns/${q(id)}`, text: name };
    case "spam_rule":
      return { href: "/spam-manager/rules", text: name };
    case "spam_action":
      return { href: "/spam-manager/actions", text: name };
    case "spam_list_entry":
      return {
        href: "/spam-manager/lists",
        text: `${name}${extra ? ` (${extra === "allow" ? "Allow" : "Deny"})` : ""}`,
      };
    default:
      return null;
  }
}

export function AuditTarget({ entry, historyHref }: { entry: AuditEntryView; historyHref: string | null }) {
  const target = entry.target;
  if (!target) return <span className="text-slate-400">—</span>;
  return (
    <div className="space-y-0.5">
      <TargetName entry={entry} target={target} />
      {/* Every entry about this one ban, chat, user…: "who lifted this ban?" in one click. */}
      {historyHref && target.id && target.type !== "tenant" && (
        <RowLink href={historyHref} className="block text-xs text-slate-500 hover:text-slate-700 hover:underline">
          Its history
        </RowLink>
      )}
    </div>
  );
}

function TargetName({ entry, target }: { entry: AuditEntryView; target: Target }) {
  const link = linkOf(entry, target);
  if (link)
    return (
      <RowLink href={link.href} className="text-brand-700 wrap-anywhere hover:underline">
        {link.text}
      </RowLink>
    );
  const kind = TYPE_NAMES[target.type] ?? target.type;
  if (target.type === "tenant" || !NAMED_TYPES.has(target.type)) return <span>{kind}</span>;
  if (target.name) return <span className="wrap-anywhere">{`${kind} ${target.name}`}</span>;
  return <span className="text-slate-500">{kind} (deleted)</span>;
}
