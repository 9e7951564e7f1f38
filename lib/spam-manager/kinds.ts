// The Spam Manager's vocabulary, shared by the server, the REST API and the browser (imports nothing
// server-only): string kinds as the API names them (the lower-case enum values), the lists, and labels.
import { z } from "zod";

export const SPAM_STRING_KINDS = ["domain", "url", "phone", "email"] as const;
export type SpamKind = (typeof SPAM_STRING_KINDS)[number];

export const SPAM_LISTS = ["allow", "deny"] as const;
export type SpamList = (typeof SPAM_LISTS)[number];

export const spamKindSchema = z.enum(SPAM_STRING_KINDS, {
  error: () => `must be one of ${SPAM_STRING_KINDS.join(", ")}`,
});
export const spamListSchema = z.enum(SPAM_LISTS, { error: () => `must be one of ${SPAM_LISTS.join(", ")}` });

/** one / many: labels ("URL", the tab's name); oneInText / inText: inside a sentence. */
export const KIND_LABELS: Record<SpamKind, { one: string; many: string; oneInText: string; inText: string }> = {
  domain: { one: "Domain", many: "Domains", oneInText: "domain", inText: "domains" },
  url: { one: "URL", many: "URLs", oneInText: "URL", inText: "URLs" },
  phone: { one: "Phone number", many: "Phone Numbers", oneInText: "phone number", inText: "phone numbers" },
  email: { one: "Email", many: "Emails", oneInText: "email", inText: "emails" },
};

export const LIST_LABELS: Record<SpamList, string> = { allow: "Allow", deny: "Deny" };
