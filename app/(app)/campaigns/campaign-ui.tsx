// Small pieces shared by the campaign pages (server and client components): badges, counts, channel icons.
import type { ChannelName } from "@/lib/channels/channels";
import { Icon, type IconName } from "@/components/icons";

export type CampaignKind = "one_time" | "ongoing";
export type CampaignStatus = "draft" | "sent" | "active" | "paused";

export const KIND_LABELS: Record<CampaignKind, string> = { one_time: "One-time", ongoing: "Ongoing" };

const STATUS_STYLES: Record<CampaignStatus, { label: string; className: string }> = {
  draft: { label: "Draft", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  sent: { label: "Sent", className: "bg-emerald-50 text-emerald-700 ring-emerald-200" },
  active: { label: "Active", className: "bg-brand-50 text-brand-700 ring-brand-100" },
  paused: { label: "Paused", className: "bg-amber-50 text-amber-800 ring-amber-200" },
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const style = STATUS_STYLES[status];
  return (
    <span
      className={[
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs",
        "font-medium ring-1 ring-inset",
        style.className,
      ].join(" ")}
      data-testid="campaign-status"
    >
      {status === "active" && <span className="h-1.5 w-1.5 rounded-full bg-brand-600" aria-hidden="true" />}
      {style.label}
    </span>
  );
}

export function KindLabel({ kind }: { kind: CampaignKind }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-600">
      <Icon name={kind === "ongoing" ? "clock" : "send"} className="h-3.5 w-3.5" />
      {KIND_LABELS[kind]}
    </span>
  );
}

export const CHANNEL_ICONS: Record<ChannelName, IconName> = {
  webchat: "chat",
  email: "mail",
  ip_telephony: "phone",
  whatsapp: "whatsapp",
  apple_messages: "apple",
  messenger: "messenger",
  vkontakte: "vk",
};

// Counts and plurals come from the app's one source (lib/ui/plural.ts).
import { formatCount, plural } from "@/lib/ui/plural";
export { formatCount, plural };
