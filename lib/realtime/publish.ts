// The emitter lib functions call after their transaction commits. It sends each event to the rooms
// chosen in rooms.ts. Without a Socket.io server in this process (scripts), events go nowhere.
import "server-only";
import type { Server } from "socket.io";
import type { ConversationSummary, ListFacts } from "@/lib/inbox/conversation-summary";
import { listFactsOf } from "@/lib/inbox/conversation-summary";
import type { ClientToServerEvents, MessagePayload, NotificationPayload, ServerToClientEvents } from "./events";
import { rooms, roomsForConversationChange } from "./rooms";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

const shared = globalThis as typeof globalThis & { __bouncerRealtime?: RealtimeServer };

/** server.ts (and socket tests) register the process's Socket.io server here. */
export function setRealtimeServer(io: RealtimeServer | undefined): void {
  shared.__bouncerRealtime = io;
}

function io(): RealtimeServer | undefined {
  return shared.__bouncerRealtime;
}

export function publishConversationChanged(
  tenantId: string,
  conversation: ConversationSummary,
  previous: ListFacts | null,
): void {
  const server = io();
  if (!server) return;
  server
    .to(roomsForConversationChange(tenantId, conversation.id, listFactsOf(conversation), previous))
    .emit("conversation.updated", { conversation, previous });
}

export function publishMessageCreated(
  tenantId: string,
  conversation: ConversationSummary,
  previous: ListFacts | null,
  message: MessagePayload,
): void {
  const server = io();
  if (!server) return;
  server
    .to(roomsForConversationChange(tenantId, conversation.id, listFactsOf(conversation), previous))
    .emit("message.created", { conversation, previous, message });
}

export function publishContactUpdated(tenantId: string, contactId: string): void {
  io()?.to(rooms.tenant(tenantId)).emit("contact.updated", { contactId });
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
