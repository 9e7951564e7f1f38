// The web-chat widget's visitor side: start or resume a session, read and send messages, and ask for
// an agent. A visitor reaches exactly one thing: the latest web-chat conversation of their own contact
// (by their signed external id, or by their visitor id when anonymous). Their messages go through the
// same ingest as every channel (lib/messages), and "Talk to an agent" through the same connect rule as
// the flows' API (lib/live-chat/connect.ts), so the admission gate decides for both.
import "server-only";
import { z } from "zod";
import type { Db, DbOrTx } from "@/lib/db";
import type { ServiceActor } from "@/lib/auth/actor";
import { AppError, Conflict, NotFound } from "@/lib/errors";
import { defineUseCase } from "@/lib/use-case";
import { receiveIncomingMessage } from "@/lib/messages/receive-incoming-message";
import { connectConversation, queuePosition, type ConnectAnswer } from "@/lib/live-chat/connect";
import { isWithinWorkingHours, type WorkingHours } from "@/lib/live-chat/working-hours";
import { findActiveLiveChatBlock } from "@/lib/live-chat/find-active-block";
import { storedWorkingHours } from "@/lib/live-chat/settings";
import type { WidgetMessage } from "@/lib/realtime/events";
import { admitNewVisitor, admitQueueEntry, floodLimitsSelect } from "@/lib/live-chat/flood-limits";
import {
  newVisitorId,
  signWidgetSession,
  verifyUserSignature,
  verifyWidgetSession,
  type WidgetSession,
} from "./widget-token";

export const widgetStartSchema = z.object({
  tenant: z.string({ error: "is required" }).trim().min(1, "is required").max(64),
  /** The host's user id; needs `signature`. */
  user: z.string().trim().min(1).max(200).optional(),
  signature: z.string().trim().max(200).optional(),
  /** A display name the host may pass for a signed-in user (cosmetic, not signed). */
  name: z.string().trim().min(1).max(200).optional(),
});

export const widgetMessageSchema = z.object({
  text: z
    .string({ error: "is required" })
    .max(5000, "must be at most 5000 characters")
    .refine((text) => text.trim().length > 0, "must not be empty"),
});

export interface WidgetConversationState {
  id: string;
  status: "waiting" | "open" | "resolved";
  /** While waiting: the place in the queue. */
  queuePosition: number | null;
  agentName: string | null;
}

export interface WidgetState {
  tenant: { id: string; name: string; timeZone: string; workingHours: WorkingHours; openNow: boolean };
  visitor: { authenticated: boolean };
  /**
   * Until when the visitor cannot reach an agent (a live-chat block in force; the gate refuses them
   * until then), so the widget says so from the moment they are blocked — never why. Null: not blocked.
   */
  liveChat: { blockedUntil: string | null };
  conversation: WidgetConversationState | null;
  messages: WidgetMessage[];
}

export class InvalidWidgetSignature extends AppError {
  constructor() {
    super(
      401,
      "invalid_signature",
      "The user signature does not match: the host must sign the user id with this tenant's widget secret.",
    );
  }
}

/** Receives the visitor's messages: ingest needs an actor, and this one can do nothing but ingest. */
function widgetIngestActor(tenantId: string): ServiceActor {
  return {
    kind: "service",
    tenantId,
    apiKeyId: "web-chat-widget",
    apiKeyName: "Web chat widget",
    defaultAgentId: null,
  };
}

const MESSAGES_SHOWN = 100;

/** The visitor's contact: by signed external id, or by visitor id (anonymous contacts only). */
async function visitorContactId(db: DbOrTx, session: WidgetSession): Promise<string | null> {
  if (session.externalId) {
    const contact = await db.contact.findUnique({
      where: { tenantId_externalId: { tenantId: session.tenantId, externalId: session.externalId } },
      select: { id: true },
    });
    return contact?.id ?? null;
  }
  const identity = await db.contactIdentity.findUnique({
    where: {
      tenantId_channel_identifier: { tenantId: session.tenantId, channel: "webchat", identifier: session.visitorId },
    },
    select: { contact: { select: { id: true, authenticated: true } } },
  });
  // An anonymous session never reaches a signed-in user's chats, even on the same browser.
  return identity && !identity.contact.authenticated ? identity.contact.id : null;
}

async function visitorConversation(db: DbOrTx, session: WidgetSession) {
  const contactId = await visitorContactId(db, session);
  if (!contactId) return null;
  return db.conversation.findFirst({
    where: { tenantId: session.tenantId, contactId, channel: "webchat" },
    orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      status: true,
      queuedAt: true,
      context: true,
      assignee: { select: { name: true } },
      contact: { select: { id: true, authenticated: true } },
    },
  });
}

/** Whether the visitor may follow this conversation live (the socket's room check). */
export async function visitorMayFollow(db: DbOrTx, session: WidgetSession, conversationId: string): Promise<boolean> {
  const conversation = await visitorConversation(db, session);
  return conversation?.id === conversationId;
}

export async function currentVisitorConversationId(db: DbOrTx, session: WidgetSession): Promise<string | null> {
  return (await visitorConversation(db, session))?.id ?? null;
}

export async function getWidgetState({
  db,
  session,
  now = new Date(),
}: {
  db: DbOrTx;
  session: WidgetSession;
  now?: Date;
}): Promise<WidgetState> {
  const tenant = await db.tenant.findUnique({
    where: { id: session.tenantId },
    select: { id: true, name: true, timeZone: true, workingHours: true },
  });
  if (!tenant) throw new NotFound("chat");
  const workingHours = storedWorkingHours(tenant.workingHours);
  const conversation = await visitorConversation(db, session);
  const newestFirst = conversation
    ? await db.message.findMany({
        where: { tenantId: tenant.id, conversationId: conversation.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MESSAGES_SHOWN,
        select: { id: true, conversationId: true, direction: true, body: true, createdAt: true, authorAgentId: true },
      })
    : [];
  const authorIds = [...new Set(newestFirst.flatMap((m) => (m.authorAgentId ? [m.authorAgentId] : [])))];
  const authors = authorIds.length
    ? await db.agent.findMany({
        where: { id: { in: authorIds }, tenantId: tenant.id },
        select: { id: true, name: true },
      })
    : [];
  // The block the admission gate would refuse the visitor with (lib/live-chat/find-active-block.ts).
  const block = conversation
    ? await findActiveLiveChatBlock(
        db,
        {
          tenantId: tenant.id,
          contactId: conversation.contact.id,
          authenticated: conversation.contact.authenticated,
          conversationId: conversation.id,
          context: conversation.context,
        },
        now,
      )
    : null;
  return {
    tenant: {
      id: tenant.id,
      name: tenant.name,
      timeZone: tenant.timeZone,
      workingHours,
      openNow: isWithinWorkingHours(workingHours, tenant.timeZone, now),
    },
    visitor: { authenticated: Boolean(session.externalId) },
    liveChat: { blockedUntil: block ? block.blockedUntil.toISOString() : null },
    conversation: conversation
      ? {
          id: conversation.id,
          status: conversation.status,
          queuePosition: conversation.status === "waiting" ? await queuePosition(db, tenant.id, conversation) : null,
          agentName: conversation.status === "open" ? (conversation.assignee?.name ?? null) : null,
        }
      : null,
    messages: newestFirst.reverse().map((m) => ({
      id: m.id,
      conversationId: m.conversationId,
      direction: m.direction,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      authorName: m.authorAgentId ? (authors.find((a) => a.id === m.authorAgentId)?.name ?? null) : null,
    })),
  };
}

/**
 * Starts or resumes a visitor session. The previous visitor id (from the cookie) is kept while it
 * belongs to the same person: the same signed user, or an anonymous visitor who now signs in. Any
 * other change of user gets a fresh visitor id, so nobody inherits someone else's chat.
 */
interface WidgetStartContext {
  db: DbOrTx;
  previousToken: string | null;
  serverSecret: string;
  /** Where the request came from (lib/http/client-address.ts): new visitors are limited per address. */
  clientAddress: string;
  now?: Date;
}

export const startWidgetSession = defineUseCase({
  inputName: "widget session",
  input: widgetStartSchema,
  // No actor yet: the visitor is who the signed token (or the tenant's signature of the user) says.
  run: async (
    { db, previousToken, serverSecret, clientAddress, now = new Date() }: WidgetStartContext,
    { tenant: tenantId, user, signature, name },
  ): Promise<{ token: string; session: WidgetSession; state: WidgetState }> => {
    const tenant = await db.tenant.findUnique({
      where: { id: tenantId },
      select: { id: true, widgetSecret: true, ...floodLimitsSelect },
    });
    if (!tenant) throw new NotFound("chat");
    if (user !== undefined || signature !== undefined) {
      if (!user || !signature || !verifyUserSignature(tenant.widgetSecret, user, signature))
        throw new InvalidWidgetSignature();
    }
    const externalId = user ?? null;
    const previous = verifyWidgetSession(previousToken, serverSecret, now);
    const keep =
      previous &&
      previous.tenantId === tenant.id &&
      (previous.externalId === externalId || (previous.externalId === null && externalId !== null));
    // A signed user is one visitor wherever they sign in: a browser without the cookie (another device, cleared
    // cookies) gets the visitor id their chats already have, not a new identity on their contact each time (a
    // harasser with an account on the host site clearing cookies grew it by 60 every 10 minutes per address).
    const returning = keep || !externalId ? null : await signedUserVisitorId(db, tenant.id, externalId);
    // A visitor id is what every per-visitor limit counts by: new ones are limited per address and tenant.
    if (!keep && !returning) await admitNewVisitor(tenant, clientAddress);
    const session: WidgetSession = {
      tenantId: tenant.id,
      visitorId: keep ? previous.visitorId : (returning ?? newVisitorId()),
      externalId,
      name: externalId ? (name ?? null) : null,
      issuedAt: Math.floor(now.getTime() / 1000),
    };
    return {
      token: signWidgetSession(session, serverSecret),
      session,
      state: await getWidgetState({ db, session, now }),
    };
  },
});

/** The visitor id of a signed user's newest web-chat identity, when they have one. */
async function signedUserVisitorId(db: DbOrTx, tenantId: string, externalId: string): Promise<string | null> {
  const identity = await db.contactIdentity.findFirst({
    where: { tenantId, channel: "webchat", contact: { tenantId, externalId }, identifier: { startsWith: "visitor-" } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { identifier: true },
  });
  return identity?.identifier ?? null;
}

export const sendWidgetMessage = defineUseCase({
  inputName: "message",
  input: widgetMessageSchema,
  // As every incoming message: NUL characters are removed, never a reason to lose the message.
  parse: { nul: "strip" },
  // The visitor's signed session (checked by the route) is the permission: they write to their own chat.
  run: async (
    { db, session, now }: { db: Db; session: WidgetSession; now?: Date },
    { text },
  ): Promise<{ message: WidgetMessage; conversationId: string }> => {
    // Continue the visitor's conversation even when it was resolved (ingest reopens it), so a block
    // placed in it still applies and the agents see the whole history in one place.
    const conversationId = await currentVisitorConversationId(db, session);
    const result = await receiveIncomingMessage({
      db,
      actor: widgetIngestActor(session.tenantId),
      input: {
        channel: "webchat",
        from: session.visitorId,
        text,
        contact: session.externalId
          ? { externalId: session.externalId, authenticated: true, name: session.name ?? session.externalId }
          : { name: `Visitor ${session.visitorId.slice(-6)}` },
        ...(conversationId ? { conversationId } : {}),
      },
      now,
    });
    const stored = await db.message.findFirstOrThrow({
      where: { id: result.messageId, tenantId: session.tenantId },
      select: { id: true, conversationId: true, direction: true, body: true, createdAt: true },
    });
    return {
      message: { ...stored, createdAt: stored.createdAt.toISOString(), authorName: null },
      conversationId: result.conversationId,
    };
  },
});

/** "Talk to an agent": the visitor's conversation asks to join the queue. */
export async function connectWidgetVisitor({
  db,
  session,
  clientAddress,
  now = new Date(),
}: {
  db: Db;
  session: WidgetSession;
  /** Where the request came from: queue entries are limited per address and tenant. */
  clientAddress: string;
  now?: Date;
}): Promise<ConnectAnswer> {
  const conversation = await visitorConversation(db, session);
  if (!conversation) throw new Conflict("no_conversation", "Write a message first, then ask for an agent.");
  // Asking again while waiting or with an agent changes nothing, so only a new queue entry is counted.
  const staysPut =
    conversation.status === "waiting" || (conversation.status === "open" && conversation.assignee !== null);
  if (!staysPut) await admitQueueEntry(db, session.tenantId, clientAddress);
  return connectConversation(
    db,
    { tenantId: session.tenantId, conversationId: conversation.id, requester: { kind: "visitor" } },
    now,
  );
}
