// Builders for campaign tests: contacts with identities and typed traits written straight through
// Prisma (with the same stored forms lib/contacts/traits.ts computes), and campaigns through the lib.
import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ChannelName } from "@/lib/channels/channels";
import { storedTraitValue, type TraitInput } from "@/lib/contacts/traits";
import { createCampaign } from "@/lib/campaigns/manage-campaigns";
import type { AudienceConditionInput } from "@/lib/campaigns/audience";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A trait value by JSON type (string → text, number, boolean), or { type: "date", value } like the API. */
export type TraitValue = string | number | boolean | { type: "date"; value: string };

function traitRow(key: string, value: TraitValue) {
  const input = (
    typeof value === "object"
      ? { key, ...value }
      : { key, type: typeof value === "string" ? "text" : typeof value, value }
  ) as TraitInput;
  const stored = storedTraitValue(input);
  if (!stored.ok) throw new Error(`trait ${key}: ${stored.message}`);
  return { key, type: input.type, ...stored.stored };
}

export async function createContact(
  db: Db,
  tenantId: string,
  data: {
    name?: string;
    authenticated?: boolean;
    identities?: Array<{ channel: ChannelName; identifier?: string; createdAt?: Date }>;
    traits?: Record<string, TraitValue>;
  } = {},
) {
  const identities = data.identities ?? [{ channel: "whatsapp" as const }];
  return db.contact.create({
    data: {
      tenantId,
      name: data.name ?? `Contact ${unique()}`,
      authenticated: data.authenticated ?? false,
      externalId: data.authenticated ? `ext-${unique()}` : null,
      identities: {
        create: identities.map((identity) => ({
          tenantId,
          channel: identity.channel,
          identifier: identity.identifier ?? `${identity.channel}-${unique()}`,
          ...(identity.createdAt ? { createdAt: identity.createdAt } : {}),
        })),
      },
      traits: {
        create: Object.entries(data.traits ?? {}).map(([key, value]) => ({ tenantId, ...traitRow(key, value) })),
      },
    },
    include: { identities: true },
  });
}

/** Sets (or with null removes) traits directly, as the trait-update use case will. */
export async function setTraits(db: Db, contactId: string, traits: Record<string, TraitValue | null>) {
  const contact = await db.contact.findUniqueOrThrow({ where: { id: contactId }, select: { tenantId: true } });
  for (const [key, value] of Object.entries(traits)) {
    if (value === null) {
      await db.contactTrait.deleteMany({ where: { contactId, key } });
      continue;
    }
    const row = traitRow(key, value);
    await db.contactTrait.upsert({
      where: { contactId_key: { contactId, key } },
      create: { tenantId: contact.tenantId, contactId, ...row },
      update: row,
    });
  }
}

export async function createCampaignFor(
  db: Db,
  actor: Actor,
  data: {
    name?: string;
    kind?: "one_time" | "ongoing";
    audience?: AudienceConditionInput[];
    message?: string;
    sendNow?: boolean;
    activate?: boolean;
  } = {},
) {
  return createCampaign.fromUntrusted({
    db,
    actor,
    input: {
      name: data.name ?? `Campaign ${unique()}`,
      kind: data.kind ?? "one_time",
      audience: data.audience ?? [],
      message: data.message ?? "Hello from us!",
      sendNow: data.sendNow,
      activate: data.activate,
    },
  });
}
