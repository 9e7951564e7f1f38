// What the classifier is told about a message, built the same way when ingest scores it and when the
// team's actions teach from it (so a label and a score describe the message in the same features): the
// text, the spam strings in it with their Allow/Deny status now, and whether it was the first message
// of a new contact.
import "server-only";
import type { DbOrTx } from "@/lib/db";
import type { ClassifierInput, SpamStringSignal } from "@/lib/classifier";
import { MAX_SPAM_STRINGS } from "@/lib/classifier";
import { messageSpamStrings, type MessageSpamString } from "@/lib/spam-manager/conventions";
import type { SpamList } from "@/lib/spam-manager/kinds";

export interface ClassifiedText {
  text: string;
  firstMessageFromNewContact?: boolean;
  /** Its spam strings, when the caller extracted them already (ingest's score step hands them on). */
  spamStrings?: MessageSpamString[];
}

/** A tenant's Allow/Deny entries by listKey(kind, value): all of them (a cache) or those asked for. */
export type ListStatus = ReadonlyMap<string, SpamList>;

export const listKey = (kind: string, value: string) => `${kind}\u0000${value}`;

/**
 * The classifier inputs of several texts of one tenant. Their strings' list status comes from `lists`
 * when given (every entry of the tenant: lib/spam-detection/detection-caches.ts), otherwise from one
 * statement for all their strings — none when they hold no strings (most messages).
 */
export async function classifierInputsFor(
  db: DbOrTx,
  tenantId: string,
  region: string,
  texts: readonly ClassifiedText[],
  lists?: ListStatus,
): Promise<ClassifierInput[]> {
  const found = texts.map(({ text, spamStrings }) =>
    (spamStrings ?? messageSpamStrings(text, region)).slice(0, MAX_SPAM_STRINGS),
  );
  const listed = lists ?? (await readListStatus(db, tenantId, found.flat()));
  return texts.map(({ text, firstMessageFromNewContact }, i) => ({
    text,
    spamStrings: found[i]!.map(
      (string): SpamStringSignal => ({
        kind: string.kind,
        value: string.value,
        // A URL without an entry of its own takes its domain's (lib/spam-manager/list-coverage.ts).
        list:
          listed.get(listKey(string.kind, string.value)) ??
          (string.domain ? listed.get(listKey("domain", string.domain)) : undefined) ??
          null,
        obfuscated: string.obfuscated,
      }),
    ),
    ...(firstMessageFromNewContact ? { firstMessageFromNewContact } : {}),
  }));
}

/** The entries of `strings` (and of their URLs' domains) on the tenant's lists: one statement, none for no strings. */
async function readListStatus(db: DbOrTx, tenantId: string, strings: MessageSpamString[]): Promise<ListStatus> {
  if (!strings.length) return new Map();
  const wanted = new Map<string, { kind: MessageSpamString["kind"]; value: string }>();
  for (const { kind, value, domain } of strings) {
    wanted.set(listKey(kind, value), { kind, value });
    if (kind === "url" && domain) wanted.set(listKey("domain", domain), { kind: "domain", value: domain });
  }
  const entries = await db.spamListEntry.findMany({
    where: { tenantId, OR: [...wanted.values()] },
    select: { list: true, kind: true, value: true },
  });
  return listStatusOf(entries);
}

/** Entries as rows hold them, keyed for look-up. */
export function listStatusOf(entries: ReadonlyArray<{ list: string; kind: string; value: string }>): ListStatus {
  return new Map(entries.map((entry) => [listKey(entry.kind, entry.value), entry.list === "allow" ? "allow" : "deny"]));
}
