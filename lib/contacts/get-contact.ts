// The user card: who the contact is, how they are known on each channel, their traits, and their
// conversations the actor may see. Also GET /api/v1/contacts/:id.
import "server-only";
import type { ChannelName } from "@/lib/channels/channels";
import { can, visibleContactsWhere, visibleConversationsWhere } from "@/lib/policy";
import { NotFound } from "@/lib/errors";
import type { ConversationSummary } from "@/lib/conversations/conversation-summary";
import { readConversationSummaries } from "@/lib/conversations/read-conversation-summaries";
import type { TraitType } from "./traits";
import type { LiveChatBlockView, LiveChatInForce } from "@/lib/live-chat/block-view";
import { readLiveChatCard } from "@/lib/live-chat/live-chat-card";
import type { ReadContext } from "@/lib/use-case";

export interface ContactTraitView {
  key: string;
  type: TraitType;
  value: string;
  system: boolean;
  updatedAt: string;
}

export interface ContactDetail {
  id: string;
  name: string;
  authenticated: boolean;
  externalId: string | null;
  createdAt: string;
  lastSeenAt: string;
  identities: Array<{ channel: ChannelName; identifier: string }>;
  /** Set while the contact is marked as spam. */
  spam: { markedAt: string; markedBy: { id: string; name: string } | null } | null;
  traits: ContactTraitView[];
  conversations: ConversationSummary[];
  /** Chat activity data kept for flows (e.g. the LiveChatBlocked* keys of a saved live-chat block). */
  activityData: Record<string, unknown>;
  /** The Live Chat Blacklist block in force for this (authenticated) user, if any. */
  liveChat: LiveChatInForce | null;
  /** The user's live-chat blocks, newest first (Live Chat Blacklist and per-conversation ones). */
  liveChatBlocks: LiveChatBlockView[];
  /** What the asking agent may do here (the user card shows only what works). */
  permissions: { unblockLiveChat: boolean };
}

/** The order the card lists traits in: system ones first, then by key. */
export const CARD_TRAIT_ORDER = [{ system: "desc" as const }, { key: "asc" as const }];

export function toTraitView(t: {
  key: string;
  type: TraitType;
  value: string;
  system: boolean;
  updatedAt: Date;
}): ContactTraitView {
  return { key: t.key, type: t.type, value: t.value, system: t.system, updatedAt: t.updatedAt.toISOString() };
}

const RECENT_CONVERSATIONS = 20;

export async function getContact({
  db,
  actor,
  contactId,
  now = new Date(),
}: ReadContext & {
  contactId: string;
}): Promise<ContactDetail> {
  const contact = await db.contact.findFirst({
    where: { AND: [{ id: String(contactId) }, visibleContactsWhere(actor)] },
    include: {
      identities: { orderBy: { createdAt: "asc" }, select: { channel: true, identifier: true } },
      traits: { orderBy: CARD_TRAIT_ORDER },
      conversations: {
        where: visibleConversationsWhere(actor),
        orderBy: { lastMessageAt: "desc" },
        take: RECENT_CONVERSATIONS,
        select: { id: true },
      },
    },
  });
  if (!contact) throw new NotFound("contact");
  const markedBy = contact.spamMarkedById
    ? await db.agent.findFirst({
        where: { id: contact.spamMarkedById, tenantId: contact.tenantId },
        select: { id: true, name: true },
      })
    : null;
  const { liveChat, liveChatBlocks, activityData } = await readLiveChatCard(db, contact, now);
  return {
    id: contact.id,
    name: contact.name,
    authenticated: contact.authenticated,
    externalId: contact.externalId,
    createdAt: contact.createdAt.toISOString(),
    lastSeenAt: contact.lastSeenAt.toISOString(),
    identities: contact.identities,
    spam: contact.spamMarkedAt ? { markedAt: contact.spamMarkedAt.toISOString(), markedBy } : null,
    traits: contact.traits.map(toTraitView),
    conversations: await readConversationSummaries(
      db,
      contact.tenantId,
      contact.conversations.map((c) => c.id),
    ),
    activityData,
    liveChat,
    liveChatBlocks,
    permissions: { unblockLiveChat: can(actor, "liveChat.unblock", { tenantId: contact.tenantId }) },
  };
}
