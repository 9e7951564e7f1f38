// What the classifier is told about a message, built the same way when ingest scores it and when the
// team's actions teach from it (so a label and a score describe the message in the same features): the
// text, the spam strings in it with their Allow/Deny status now, and whether it was the first message
// of a new contact.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ClassifierInput, SpamStringSignal } from "@/lib/classifier";
import { MAX_SPAM_STRINGS } from "@/lib/classifier";
import { messageSpamStrings, type MessageSpamString } from "@/lib/spam-manager/conventions";

export interface ClassifiedText {
  text: string;
  firstMessageFromNewContact?: boolean;
}

/**
 * The classifier inputs of several texts of one tenant: one statement for the list status of all their
 * spam strings, none when they hold no strings (most messages).
 */
export async function classifierInputsFor(
  db: DbOrTx,
  tenantId: string,
  region: string,
  texts: readonly ClassifiedText[],
): Promise<ClassifierInput[]> {
  const found = texts.map(({ text }) => messageSpamStrings(text, region).slice(0, MAX_SPAM_STRINGS));
  const listed = await listStatus(db, tenantId, found.flat());
  return texts.map(({ text, firstMessageFromNewContact }, i) => ({
    text,
    spamStrings: found[i]!.map(
      (string): SpamStringSignal => ({
        kind: string.kind,
        value: string.value,
        // A URL without an entry of its own takes its domain's (lib/spam-manager/list-coverage.ts).
        list:
          listed.get(key(string.kind, string.value)) ??
          (string.domain ? listed.get(key("domain", string.domain)) : undefined) ??
          null,
        obfuscated: string.obfuscated,
      }),
    ),
    ...(firstMessageFromNewContact ? { firstMessageFromNewContact } : {}),
  }));
}

const key = (kind: string, value: string) => `${kind}\u0000${value}`;

async function listStatus(
  db: DbOrTx,
  tenantId: string,
  strings: MessageSpamString[],
): Promise<Map<string, "allow" | "deny">> {
  if (!strings.length) return new Map();
  const wanted = new Map<string, { kind: MessageSpamString["kind"]; value: string }>();
  for (const { kind, value, domain } of strings) {
    wanted.set(key(kind, value), { kind, value });
    if (kind === "url" && domain) wanted.set(key("domain", domain), { kind: "domain", value: domain });
  }
  const entries = await db.spamListEntry.findMany({
    where: { tenantId, OR: [...wanted.values()] },
    select: { list: true, kind: true, value: true },
  });
  return new Map(entries.map((entry) => [key(entry.kind, entry.value), entry.list === "allow" ? "allow" : "deny"]));
}
