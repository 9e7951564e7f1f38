// Agents edit a contact's name and traits. System traits ("Marked as Spam") are refused here; the
// capability that owns them writes them through setSystemTrait().
import "server-only";
import type { Tx } from "@/lib/db";
import { visibleContactsWhere } from "@/lib/policy";
import { Forbidden, InvalidInput, NotFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit";
import { dispatchEvents } from "@/lib/events/dispatch";
import { domainEvent } from "@/lib/events/event-map";
import { contactPatchSchema, contactUpdateSchema, type ContactUpdate } from "./contact-schemas";
import { isSystemTrait, storedTraitValue, type StoredTraitValue, type TraitType } from "./traits";
import { CARD_TRAIT_ORDER, getContact, toTraitView } from "./get-contact";
import { contactSeenThrough } from "@/lib/conversations/contact-seen-through";
import { ongoingCampaignsMatching } from "@/lib/campaigns/ongoing-campaigns";
import { defineUseCase, type UseCaseContext } from "@/lib/use-case";

/** The inbox's contact card: traits as a list (contactUpdateSchema). */
export const updateContact = defineUseCase({
  inputName: "contact",
  input: contactUpdateSchema,
  // Who may edit a contact is who sees it: the look-up in applyContactUpdate is scoped by visibleContactsWhere.
  run: applyContactUpdate,
});

/** PATCH /api/v1/contacts/:id: traits as a map (contactPatchSchema), read as the same change. */
export const patchContact = defineUseCase({
  inputName: "contact",
  input: contactPatchSchema,
  run: applyContactUpdate,
});

async function applyContactUpdate(
  { db, actor, contactId }: UseCaseContext & { contactId: string },
  update: ContactUpdate,
) {
  const locked = [...update.set.map((t) => t.key), ...update.remove].filter(isSystemTrait);
  if (locked.length) {
    throw new Forbidden(`“${locked[0]}” is set by the system and cannot be edited by hand.`, "system_trait");
  }
  const stored = update.set.map((trait) => {
    const result = storedTraitValue(trait);
    if (!result.ok) {
      throw new InvalidInput(`Invalid contact: traits.${trait.key}: ${result.message}`, {
        fields: [{ field: `traits.${trait.key}`, message: result.message }],
      });
    }
    return { key: trait.key, type: trait.type, ...result.stored };
  });

  const visible = await db.contact.findFirst({
    where: { AND: [{ id: String(contactId) }, visibleContactsWhere(actor)] },
    select: { id: true },
  });
  if (!visible) throw new NotFound("contact");
  // Ongoing campaigns reach a contact when a change makes them start matching.
  const matchedBefore = await ongoingCampaignsMatching(db, actor.tenantId, visible.id);
  const card = await db.$transaction(async (tx) => {
    const contact = await tx.contact.findFirst({
      where: { AND: [{ id: String(contactId) }, visibleContactsWhere(actor)] },
      select: { id: true, tenantId: true },
    });
    if (!contact) throw new NotFound("contact");
    // Edits of one contact one at a time: the card each event carries is versioned in commit order.
    await tx.$queryRaw`
      SELECT "id" FROM "Contact" WHERE "id" = ${contact.id} AND "tenantId" = ${contact.tenantId} FOR UPDATE`;
    if (update.name) {
      await tx.contact.update({ where: { id: contact.id, tenantId: contact.tenantId }, data: { name: update.name } });
    }
    for (const trait of stored) await upsertTrait(tx, contact.tenantId, contact.id, trait, false);
    if (update.remove.length) {
      await tx.contactTrait.deleteMany({
        where: { tenantId: contact.tenantId, contactId: contact.id, key: { in: update.remove }, system: false },
      });
    }
    if (stored.length) await refuseTooManyTraits(tx, contact);
    await recordAudit(tx, actor, {
      action: "contact.updated",
      targetType: "contact",
      targetId: contact.id,
      data: {
        name: update.name ?? null,
        set: stored.map((t) => ({ key: t.key, type: t.type, value: t.value })),
        remove: update.remove,
      },
    });
    return readCardChange(tx, contact.tenantId, contact.id);
  });
  await dispatchEvents(db, [
    domainEvent("contact.updated", {
      tenantId: actor.tenantId,
      contactId: visible.id,
      matchedCampaignsBefore: [...matchedBefore],
      card,
    }),
  ]);
  return getContact({ db, actor, contactId });
}

/**
 * Traits a contact may have (set by hand or by the API; system traits do not count). The card, its realtime event
 * (to every agent who sees the contact) and campaign audiences read them all: an agent's script made a contact of
 * 3,300 traits whose card was 3.6 MB, and each further edit broadcast it again. A CRM's profile fits in 200.
 */
export const MAX_TRAITS_PER_CONTACT = 200;

/** After an edit in its transaction: refuses it (rolled back) when it leaves the contact with too many traits. */
async function refuseTooManyTraits(tx: Tx, contact: { id: string; tenantId: string }) {
  const count = await tx.contactTrait.count({
    where: { tenantId: contact.tenantId, contactId: contact.id, system: false },
  });
  if (count <= MAX_TRAITS_PER_CONTACT) return;
  const cap = MAX_TRAITS_PER_CONTACT;
  const message = `a contact has at most ${cap} traits (this change would make ${count}): remove some first`;
  throw new InvalidInput(`Invalid contact: traits: ${message}`, { fields: [{ field: "traits", message }] });
}

/** The card's new name and traits for the realtime event, and who may see the contact (its chats' facts). */
export async function readCardChange(tx: Tx, tenantId: string, contactId: string) {
  const contact = await tx.contact.findFirstOrThrow({
    where: { id: contactId, tenantId },
    select: { name: true, traits: { orderBy: CARD_TRAIT_ORDER } },
  });
  return {
    name: contact.name,
    traits: contact.traits.map(toTraitView),
    version: new Date().toISOString(),
    seenThrough: await contactSeenThrough(tx, tenantId, contactId),
  };
}

async function upsertTrait(
  tx: Tx,
  tenantId: string,
  contactId: string,
  trait: StoredTraitValue & { key: string; type: TraitType },
  system: boolean,
) {
  const data = {
    type: trait.type,
    value: trait.value,
    numberValue: trait.numberValue,
    dateValue: trait.dateValue,
    system,
  };
  await tx.contactTrait.upsert({
    where: { contactId_key: { contactId, key: trait.key } },
    create: { tenantId, contactId, key: trait.key, ...data },
    update: data,
  });
}

/** For capabilities that own a system trait (e.g. spam marking's "Marked as Spam"). Inside their transaction. */
export async function setSystemTrait(
  tx: Tx,
  tenantId: string,
  contactId: string,
  key: string,
  type: TraitType,
  value: string | boolean | number,
) {
  const result = storedTraitValue({ key, type, value } as never);
  if (!result.ok) throw new Error(`system trait ${key}: ${result.message}`);
  await upsertTrait(tx, tenantId, contactId, { key, type, ...result.stored }, true);
}
