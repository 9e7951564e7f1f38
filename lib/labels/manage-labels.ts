// The tenant's label catalogue: every agent lists labels (to pick them on conversations); admins and
// API keys create, rename, recolor and delete them. Adding labels to conversations is in
// lib/inbox/conversation-labels.ts.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/policy";
import { recordAudit } from "@/lib/audit";
import { Conflict, NotFound } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { createLabelSchema, updateLabelSchema } from "./label-schemas";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

const labelSelect = {
  id: true,
  name: true,
  color: true,
  createdAt: true,
  _count: { select: { conversations: true } },
} as const;

type LabelRow = { id: string; name: string; color: string; createdAt: Date; _count: { conversations: number } };

/** A label as the UI and the API see it. */
export interface LabelView {
  id: string;
  name: string;
  color: string;
  createdAt: Date;
  /** How many conversations carry it. */
  conversationCount: number;
}

function toView({ _count, ...label }: LabelRow): LabelView {
  return { ...label, conversationCount: _count.conversations };
}

export async function listLabels({ db, actor }: { db: DbOrTx; actor: Actor }): Promise<LabelView[]> {
  const labels = await db.label.findMany({
    where: { tenantId: actor.tenantId },
    select: labelSelect,
    orderBy: { name: "asc" },
  });
  return labels.map(toView);
}

async function findLabel(db: DbOrTx, actor: Actor, labelId: string) {
  const label = await db.label.findFirst({
    where: { id: String(labelId), tenantId: actor.tenantId },
    select: labelSelect,
  });
  if (!label) throw new NotFound("label");
  return label;
}

/** Names are unique per tenant regardless of case ("Billing" and "billing" would confuse people). */
async function assertNameFree(db: DbOrTx, tenantId: string, name: string, exceptId?: string) {
  const existing = await db.label.findFirst({
    where: { tenantId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true, name: true },
  });
  if (existing) throw labelExists(existing);
}

function labelExists(existing: { id: string; name: string }) {
  return new Conflict("label_exists", `A label named “${existing.name}” already exists.`, {
    labelId: existing.id,
    name: existing.name,
  });
}

/** Two requests racing for the same name both pass assertNameFree; the unique index stops one. */
async function uniqueNameGuard<T>(
  db: DbOrTx,
  tenantId: string,
  name: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!name || !isUniqueViolation(error)) throw error;
    const existing = await db.label.findFirst({ where: { tenantId, name }, select: { id: true, name: true } });
    throw existing ? labelExists(existing) : error;
  }
}

export const createLabel = defineUseCase({
  inputName: "label",
  input: createLabelSchema,
  authorize: ({ actor }: UseCaseContext) => authorize(actor, "labels.manage", { tenantId: actor.tenantId }),
  run: async ({ db, actor }, data): Promise<LabelView> => {
    return uniqueNameGuard(db, actor.tenantId, data.name, () =>
      db.$transaction(async (tx) => {
        await assertNameFree(tx, actor.tenantId, data.name);
        const label = await tx.label.create({ data: { tenantId: actor.tenantId, ...data }, select: labelSelect });
        await recordAudit(tx, actor, { action: "label.created", targetType: "label", targetId: label.id, data });
        return toView(label);
      }),
    );
  },
});

export const updateLabel = defineUseCase({
  inputName: "label",
  input: updateLabelSchema,
  authorize: ({ actor }: UseCaseContext & { labelId: string }) =>
    authorize(actor, "labels.manage", { tenantId: actor.tenantId }),
  run: async ({ db, actor, labelId }, changes): Promise<LabelView> => {
    return uniqueNameGuard(db, actor.tenantId, changes.name, () =>
      db.$transaction(async (tx) => {
        const label = await findLabel(tx, actor, labelId);
        if (changes.name !== undefined) await assertNameFree(tx, actor.tenantId, changes.name, label.id);
        const changed =
          (changes.name !== undefined && changes.name !== label.name) ||
          (changes.color !== undefined && changes.color !== label.color);
        if (!changed) return toView(label);
        const updated = await tx.label.update({
          where: { id: label.id, tenantId: actor.tenantId },
          data: changes,
          select: labelSelect,
        });
        await recordAudit(tx, actor, {
          action: "label.updated",
          targetType: "label",
          targetId: label.id,
          data: {
            before: { name: label.name, color: label.color },
            after: { name: updated.name, color: updated.color },
          },
        });
        return toView(updated);
      }),
    );
  },
});

/** Deletes the label; the database removes it from every conversation that carried it. */
export async function deleteLabel({
  db,
  actor,
  labelId,
}: UseCaseContext & {
  labelId: string;
}): Promise<LabelView> {
  authorize(actor, "labels.manage", { tenantId: actor.tenantId });
  return db.$transaction(async (tx) => {
    const label = await findLabel(tx, actor, labelId);
    await tx.label.delete({ where: { id: label.id, tenantId: actor.tenantId } });
    const deleted = toView(label);
    await recordAudit(tx, actor, {
      action: "label.deleted",
      targetType: "label",
      targetId: label.id,
      data: { name: label.name, color: label.color, conversationCount: deleted.conversationCount },
    });
    return deleted;
  });
}
