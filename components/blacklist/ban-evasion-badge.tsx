import { CHANNEL_INFO, type ChannelName } from "@/lib/channels/channels";
import { Icon } from "@/components/icons";

/** "Matches an active ban on WhatsApp": a hint for the agent, never an automatic ban. */
export function BanEvasionBadge({
  hints,
}: {
  hints: Array<{ banId: string; channel: ChannelName; identifier: string }>;
}) {
  if (!hints.length) return null;
  const channels = [...new Set(hints.map((h) => CHANNEL_INFO[h.channel].label))].join(", ");
  return (
    <span
      role="note"
      data-testid="ban-evasion-hint"
      title={hints.map((h) => `${h.identifier} is banned on ${CHANNEL_INFO[h.channel].label}`).join("\n")}
      className={[
        "inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium",
        "bg-amber-50 text-amber-800 ring-1 ring-inset ring-amber-200",
      ].join(" ")}
    >
      <Icon name="alert" className="h-3.5 w-3.5" />
      Matches an active ban on {channels}
    </span>
  );
}
