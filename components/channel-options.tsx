// The <option>s of every channel select (filters, ban forms, campaign and action conditions), in the
// order and with the names of lib/channels/channels.ts. Server and client components alike.
import { CHANNEL_INFO, CHANNELS } from "@/lib/channels/channels";

export function ChannelOptions() {
  return CHANNELS.map((channel) => (
    <option key={channel} value={channel}>
      {CHANNEL_INFO[channel].label}
    </option>
  ));
}
