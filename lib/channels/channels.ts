// The channels Bouncer receives messages on, and how each one identifies a sender. Shared by the
// server and the browser (labels, icons), so it imports nothing server-only.
import { z } from "zod";

export const CHANNELS = [
  "webchat",
  "email",
  "ip_telephony",
  "whatsapp",
  "apple_messages",
  "messenger",
  "vkontakte",
] as const;

export type ChannelName = (typeof CHANNELS)[number];

export const channelSchema = z.enum(CHANNELS, {
  error: () => `must be one of ${CHANNELS.join(", ")}`,
});

/** How a channel identifies its users; decides how identifiers are normalized. */
export type IdentifierKind = "phone" | "email" | "id";

export const CHANNEL_INFO: Record<
  ChannelName,
  { label: string; identifierKind: IdentifierKind; identifierLabel: string }
> = {
  webchat: { label: "Web chat", identifierKind: "id", identifierLabel: "Visitor id" },
  email: { label: "E-mail", identifierKind: "email", identifierLabel: "Email address" },
  ip_telephony: { label: "IP telephony", identifierKind: "phone", identifierLabel: "Phone number" },
  whatsapp: { label: "WhatsApp", identifierKind: "phone", identifierLabel: "Phone number" },
  apple_messages: { label: "Apple Messages for Business", identifierKind: "id", identifierLabel: "Opaque user id" },
  messenger: { label: "Facebook Messenger", identifierKind: "id", identifierLabel: "Page-scoped id" },
  vkontakte: { label: "VKontakte", identifierKind: "id", identifierLabel: "VK user id" },
};

/** The channel's name as people read it ("WhatsApp", "E-mail"): the one source for every screen and message. */
export function channelLabel(channel: string): string {
  return (CHANNELS as readonly string[]).includes(channel) ? CHANNEL_INFO[channel as ChannelName].label : channel;
}
