import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { Icon, type IconName } from "./icons";

const CHANNEL_ICONS: Record<ChannelName, { icon: IconName; tone: string }> = {
  webchat: { icon: "chat", tone: "text-sky-600" },
  email: { icon: "mail", tone: "text-slate-600" },
  ip_telephony: { icon: "phone", tone: "text-indigo-600" },
  whatsapp: { icon: "whatsapp", tone: "text-emerald-600" },
  apple_messages: { icon: "apple", tone: "text-slate-800" },
  messenger: { icon: "messenger", tone: "text-blue-600" },
  vkontakte: { icon: "vk", tone: "text-sky-700" },
};

export function ChannelIcon({ channel, className = "h-4 w-4" }: { channel: ChannelName; className?: string }) {
  const { icon, tone } = CHANNEL_ICONS[channel];
  return (
    <span className={tone}>
      <Icon name={icon} className={className} title={CHANNEL_INFO[channel].label} />
    </span>
  );
}
