// The outbox API for channel connectors: read what waits to be delivered (oldest first), then
// acknowledge each message as sent or failed.
import "server-only";
import { z } from "zod";
import { authorize } from "@/lib/policy";
import { Conflict, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { defineUseCase, type ReadContext, type UseCaseContext } from "@/lib/use-case";

export const outboxQuerySchema = z.object({
  status: z.enum(["pending", "sent", "failed"]).default("pending"),
  channel: z
    .enum(["webchat", "email", "ip_telephony", "whatsapp", "apple_messages", "messenger", "vkontakte"])
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const outboxAckSchema = z.object({
  status: z.enum(["sent", "failed"]),
  error: z.string().trim().max(2000).optional(),
});

const itemSelect = {
  id: true,
  channel: true,
  recipient: true,
  body: true,
  status: true,
  messageId: true,
  conversationId: true,
  campaignId: true,
  attempts: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
} as const;

type Row = { createdAt: Date; sentAt: Date | null } & Record<string, unknown>;
const toItem = <T extends Row>(row: T) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

export const listOutbox = defineUseCase({
  inputName: "query",
  input: outboxQuerySchema,
  authorize: ({ actor }: ReadContext) => authorize(actor, "outbox.deliver", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, { status, channel, cursor, limit }) => {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await db.outboxMessage.findMany({
      where: {
        tenantId: actor.tenantId,
        status,
        ...(channel ? { channel } : {}),
        ...(after ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      select: itemSelect,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  },
});

export const ackOutboxMessage = defineUseCase({
  inputName: "acknowledgement",
  input: outboxAckSchema,
  authorize: ({ actor }: UseCaseContext & { outboxMessageId: string }) =>
    authorize(actor, "outbox.deliver", { tenantId: actor.tenantId }),
  run: async ({ db, actor, outboxMessageId }, ack) => {
    return db.$transaction(async (tx) => {
      const current = await tx.outboxMessage.findFirst({
        where: { id: String(outboxMessageId), tenantId: actor.tenantId },
        select: { id: true, status: true },
      });
      if (!current) throw new NotFound("outbox message");
      if (current.status === "sent") {
        if (ack.status === "sent")
          return toItem(
            await tx.outboxMessage.findFirstOrThrow({
              where: { id: current.id, tenantId: actor.tenantId },
              select: itemSelect,
            }),
          );
        throw new Conflict("already_sent", "This message was already acknowledged as sent.");
      }
      const updated = await tx.outboxMessage.update({
        where: { id: current.id, tenantId: actor.tenantId },
        data:
          ack.status === "sent"
            ? { status: "sent", sentAt: new Date(), attempts: { increment: 1 } }
            : { status: "failed", lastError: ack.error ?? "failed without a reason", attempts: { increment: 1 } },
        select: itemSelect,
      });
      await recordAudit(tx, actor, {
        action: `outbox.${ack.status}`,
        targetType: "outbox_message",
        targetId: current.id,
        data: { error: ack.error ?? null },
      });
      return toItem(updated);
    });
  },
});
