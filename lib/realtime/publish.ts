// The emitter lib functions call after their transaction commits. It sends each event to the rooms
// chosen in rooms.ts. Without a Socket.io server in this process (scripts), events go nowhere.
import "server-only";
import type { Namespace, Server } from "socket.io";
import type { ConversationSummary, ListFacts } from "@/lib/conversations/conversation-summary";
import type { TimelineEvent } from "@/lib/conversations/timeline-events";
import { listFactsOf } from "@/lib/conversations/conversation-summary";
import type {
  ClientToServerEvents,
  ContactCardChange,
  ContactSpamChangedEvent,
  ContactUpdatedEvent,
  ConversationChangedEvent,
  LiveChatCardState,
  MessagePayload,
  NotificationPayload,
  ServerToClientEvents,
  WidgetClientToServerEvents,
  WidgetServerToClientEvents,
} from "./events";
import {
  concernsViewer,
  planConversationChangeDelivery,
  planConversationRoomLeaves,
  planScopedDelivery,
  rooms,
  roomsForConversationChange,
  roomsSeeingContact,
  type ConversationVisibilityChange,
} from "./rooms";
import { createCoalescer, type Coalescer } from "./coalesce";
import { mergeSpamManagerChanges, NO_SPAM_MANAGER_CHANGE, type SpamManagerChange } from "./spam-manager-change";
import { mergeBlacklistChanges, type BlacklistChange } from "./blacklist-change";
import { mergeCampaignsChanges, type CampaignsChange } from "./campaigns-change";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type WidgetNamespace = Namespace<WidgetClientToServerEvents, WidgetServerToClientEvents>;

/** The web-chat widget's namespace, and the one room a visitor joins: their conversation's. */
export const WIDGET_NAMESPACE = "/widget";
export const widgetRoom = (conversationId: string) => `widget:${conversationId}`;

const shared = globalThis as typeof globalThis & {
  __bouncerRealtime?: RealtimeServer;
  __bouncerSpamManagerChanges?: Coalescer<SpamManagerChange>;
  __bouncerBlacklistChanges?: Coalescer<BlacklistChange>;
  __bouncerCampaignsChanges?: Coalescer<CampaignsChange>;
};

/** server.ts (and socket tests) register the process's Socket.io server here. */
export function setRealtimeServer(io: RealtimeServer | undefined): void {
  shared.__bouncerRealtime = io;
}

function io(): RealtimeServer | undefined {
  return shared.__bouncerRealtime;
}

/**
 * A conversation's new state to everyone who could see it before or after. What an open view of it gains
 * (`shown`: the timeline lines the change wrote, its context, a held message) goes only to those who may
 * see it now: one who lost sight of it hears where it went.
 */
export function publishConversationChanged(
  tenantId: string,
  conversation: ConversationSummary,
  previous: ListFacts | null,
  shown: Pick<ConversationChangedEvent, "timeline" | "context" | "message"> = {},
): void {
  const server = io();
  if (!server) return;
  const after = listFactsOf(conversation);
  leaveRooms(server, tenantId, [{ conversationId: conversation.id, previous, after }]);
  const { seeing, lostSight } = planConversationChangeDelivery(tenantId, after, previous);
  server.to(seeing).emit("conversation.updated", { conversation, previous, ...shown });
  if (lostSight.length) server.to(lostSight).except(seeing).emit("conversation.updated", { conversation, previous });
  if (conversation.channel === "webchat") publishWidgetStatus(server, conversation);
}

export function publishMessageCreated(
  tenantId: string,
  conversation: ConversationSummary,
  previous: ListFacts | null,
  message: MessagePayload,
  timeline?: TimelineEvent[],
): void {
  const server = io();
  if (!server) return;
  leaveRooms(server, tenantId, [{ conversationId: conversation.id, previous, after: listFactsOf(conversation) }]);
  server
    .to(roomsForConversationChange(tenantId, conversation.id, listFactsOf(conversation), previous))
    .emit("message.created", { conversation, previous, message, ...(timeline?.length ? { timeline } : {}) });
  if (conversation.channel === "webchat") publishWidgetMessage(server, conversation, message);
}

/**
 * Sockets leave the rooms of conversations they may no longer see (reassigned, marked as spam, held by
 * a ban), on every instance: the Redis adapter relays the removal, and it is published before the event
 * that follows it on the same connection, so no instance delivers that event to a departing socket.
 */
function leaveRooms(server: RealtimeServer, tenantId: string, changes: ConversationVisibilityChange[]): void {
  for (const leave of planConversationRoomLeaves(tenantId, changes))
    server.in(leave.rooms).except(leave.except).socketsLeave(leave.rooms);
}

/** For changes to many conversations at once (a contact marked or un-marked as spam). */
export function leaveConversationRooms(tenantId: string, changes: ConversationVisibilityChange[]): void {
  const server = io();
  if (server) leaveRooms(server, tenantId, changes);
}

function widgetNamespace(server: RealtimeServer): WidgetNamespace {
  return server.of(WIDGET_NAMESPACE) as unknown as WidgetNamespace;
}

/** The visitor's side of a web-chat message (their own from another tab, or an agent's reply). */
function publishWidgetMessage(
  server: RealtimeServer,
  conversation: ConversationSummary,
  message: MessagePayload,
): void {
  const authorName =
    message.direction === "out" && conversation.assignee?.id === message.authorAgentId
      ? conversation.assignee.name
      : null;
  widgetNamespace(server).to(widgetRoom(conversation.id)).emit("widget.message", {
    id: message.id,
    conversationId: message.conversationId,
    direction: message.direction,
    body: message.body,
    createdAt: message.createdAt,
    authorName,
  });
}

/** Queued, picked by an agent, ended: what the visitor's widget shows about the chat's state. */
function publishWidgetStatus(server: RealtimeServer, conversation: ConversationSummary): void {
  widgetNamespace(server)
    .to(widgetRoom(conversation.id))
    .emit("widget.status", {
      conversationId: conversation.id,
      status: conversation.status,
      agentName: conversation.status === "open" ? (conversation.assignee?.name ?? null) : null,
    });
}

/**
 * A contact changed. An edit's card and a live-chat change's state go only to the agents who may see the
 * contact (each carries who that is); an event with neither tells the tenant's agents the id alone, and
 * those showing the card refetch it.
 */
export function publishContactUpdated(
  tenantId: string,
  contactId: string,
  change: {
    card?: ContactCardChange & { seenThrough: ListFacts[] };
    liveChat?: LiveChatCardState & { seenThrough: ListFacts[] };
  },
): void {
  const server = io();
  if (!server) return;
  const seenThrough = change.card?.seenThrough ?? change.liveChat?.seenThrough;
  if (!seenThrough) {
    server.to(rooms.tenant(tenantId)).emit("contact.updated", { contactId });
    return;
  }
  const event: ContactUpdatedEvent = { contactId };
  if (change.card) {
    const { seenThrough: _, ...card } = change.card;
    event.card = card;
  }
  if (change.liveChat) {
    const { seenThrough: _, ...liveChat } = change.liveChat;
    event.liveChat = liveChat;
  }
  server.to(roomsSeeingContact(tenantId, seenThrough)).emit("contact.updated", event);
}

export function publishNotification(
  tenantId: string,
  audience: { kind: "agent"; agentId: string } | { kind: "queue" },
  notification: NotificationPayload,
): void {
  io()
    ?.to(audience.kind === "agent" ? rooms.agent(audience.agentId) : rooms.tenant(tenantId))
    .emit("notification.created", notification);
}

/** One event per agent, each with only the part of the move that agent may see. */
export function publishContactSpamChanged(tenantId: string, event: ContactSpamChangedEvent): void {
  const server = io();
  if (!server) return;
  const facts = event.moves.flatMap((move) => [move.previous, move.after]);
  for (const delivery of planScopedDelivery(tenantId, facts)) {
    const moves = event.moves.filter((move) => concernsViewer(delivery.viewer, move.previous, move.after));
    if (!moves.length) continue;
    const conversations = event.conversations.filter((c) => concernsViewer(delivery.viewer, null, listFactsOf(c)));
    const carried = new Set(conversations.map((c) => c.id));
    const timeline = event.timeline?.filter((entry) => carried.has(entry.conversationId));
    // The card only to whoever still sees one of the contact's chats (a limited agent may just have lost them).
    const card = conversations.length ? event.card : undefined;
    const scoped = delivery.viewer
      ? { ...event, moves, conversations, timeline, card, totalConversations: moves.reduce((n, m) => n + m.count, 0) }
      : event;
    server.to(delivery.to).except(delivery.except).emit("contact.spam_changed", scoped);
  }
}

/**
 * Drops an agent's live sockets on every instance (the Redis adapter relays it): after their access
 * changed (role, "can see All chats", deactivation) or their sessions were revoked. A browser whose
 * session still stands reconnects at once and joins the rooms it may now be in, then resyncs; one
 * whose session ended is refused and goes to the sign-in page.
 */
export function disconnectAgentSockets(agentId: string, { keepSession }: { keepSession?: string } = {}): void {
  const server = io();
  if (!server) return;
  const sockets = server.in(rooms.agent(agentId));
  (keepSession ? sockets.except(rooms.session(keepSession)) : sockets).disconnectSockets(true);
}

/** Drops the live sockets of one browser session (signed out), on every instance. */
export function disconnectSessionSockets(sessionId: string): void {
  io()?.in(rooms.session(sessionId)).disconnectSockets(true);
}

/** At most one spam_manager.changed a second per tenant on this instance (each one is a page refresh per viewer). */
export const SPAM_MANAGER_EVENT_INTERVAL_MS = 1_000;

/**
 * Something the Spam Manager shows changed: told to the tenant's supervisors and admins only (counts, no
 * content). A flood is coalesced here — the first change goes at once, what follows within the second goes
 * with the next — so 500 messages a second are one event a second, not 500 page refreshes in every
 * supervisor's browser. One coalescer per process (server.ts and the route bundle share it, like the server).
 */
export function publishSpamManagerChanged(tenantId: string, change: SpamManagerChange): void {
  if (!io()) return;
  shared.__bouncerSpamManagerChanges ??= createCoalescer<SpamManagerChange>({
    intervalMs: SPAM_MANAGER_EVENT_INTERVAL_MS,
    merge: mergeSpamManagerChanges,
    send: (tenant, pending) =>
      io()
        ?.to(rooms.tenantSpamManager(tenant))
        .emit("spam_manager.changed", mergeSpamManagerChanges(NO_SPAM_MANAGER_CHANGE, pending)),
  });
  shared.__bouncerSpamManagerChanges.note(tenantId, change);
}

/**
 * Bans were placed or deactivated: told to who may manage the tenant's bans (counts, no content), coalesced
 * like spam_manager.changed — a rule banning everyone who posted a denied string is one event a second.
 */
export function publishBlacklistChanged(tenantId: string, change: BlacklistChange): void {
  if (!io()) return;
  shared.__bouncerBlacklistChanges ??= createCoalescer<BlacklistChange>({
    intervalMs: SPAM_MANAGER_EVENT_INTERVAL_MS,
    merge: mergeBlacklistChanges,
    send: (tenant, pending) =>
      io()?.to(rooms.tenantBans(tenant)).emit("blacklist.changed", mergeBlacklistChanges({}, pending)),
  });
  shared.__bouncerBlacklistChanges.note(tenantId, change);
}

/**
 * Campaigns were created, changed status or reached recipients: told to who may manage the tenant's campaigns
 * (counts and ids, no names, audiences or recipients), coalesced like spam_manager.changed — a send in batches
 * or an ongoing campaign reaching a flood of new contacts is one event a second.
 */
export function publishCampaignsChanged(tenantId: string, change: CampaignsChange): void {
  if (!io()) return;
  shared.__bouncerCampaignsChanges ??= createCoalescer<CampaignsChange>({
    intervalMs: SPAM_MANAGER_EVENT_INTERVAL_MS,
    merge: mergeCampaignsChanges,
    send: (tenant, pending) =>
      io()?.to(rooms.tenantCampaigns(tenant)).emit("campaigns.changed", mergeCampaignsChanges({}, pending)),
  });
  shared.__bouncerCampaignsChanges.note(tenantId, change);
}
