// Which inbox list family a conversation belongs to. Stored on the conversation (so each list is one
// index range) and derived only here, from three facts that no transition may lose:
// - a ban's hold: the admission gate refused the sender (a message or a connect request) and has not
//   admitted them since. The conversation stays "banned" (in no agent list) whatever else happens to
//   it — resolve, reopen, mark, un-mark — until the gate admits the sender's next message or request;
// - the CONTACT's spam mark (Contact.spamMarkedAt): a spam-marked contact's chats are in Spam whatever
//   their status. Never inferred from the bucket, which a ban's hold hides;
// - the status: Resolved, or the active lists (All / You / Unassigned);
// - the spam classifier's suspicion (tenant mode "suspect", lib/spam-detection): an open chat held in
//   Suspected until an agent confirms (marks the user as spam) or dismisses it. It carries over like a
//   ban's hold, and ends when the chat is resolved, marked, un-marked or banned.
// Banned takes precedence over spam, spam over status, Resolved over a suspicion.
// Shared with the browser (the inbox replays moves it is told about), so it imports types only.
import type { ConversationStatus, InboxBucket } from "@/lib/generated/prisma/enums";

export interface BucketFacts {
  /** The contact's spam mark is set. */
  contactMarkedAsSpam?: boolean;
  /**
   * The admission gate refuses the sender (ingest and connect), or — outside the gate — the ban's hold carries over.
   */
  heldByBan?: boolean;
  /** The spam classifier's suspicion holds the chat in Suspected. */
  suspected?: boolean;
}

/**
 * `facts` as a boolean is the contact's spam mark alone (call sites that know nothing of bans).
 * Its SQL form, for ingest's database function, is "bouncer_inbox_bucket" (prisma/migrations/
 * 20261204231500_receive_incoming_message): change both; tests/integration/inbox-bucket-sql.test.ts
 * checks that they agree.
 */
export function inboxBucket(status: ConversationStatus, facts: BucketFacts | boolean = {}): InboxBucket {
  const {
    contactMarkedAsSpam = false,
    heldByBan = false,
    suspected = false,
  } = typeof facts === "boolean" ? { contactMarkedAsSpam: facts } : facts;
  if (heldByBan) return "banned";
  if (contactMarkedAsSpam) return "spam";
  if (status === "resolved") return "resolved";
  return suspected ? "suspected" : "active";
}

/** A ban holds the conversation. Only the admission gate's callers (ingest, connect) set or lift the hold. */
export function isHeldByBan(conversation: { bucket: InboxBucket | string }): boolean {
  return conversation.bucket === "banned";
}

/** The classifier's suspicion holds the conversation in Suspected. */
export function isSuspected(conversation: { bucket: InboxBucket | string } | null | undefined): boolean {
  return conversation?.bucket === "suspected";
}

/**
 * The bucket after any change other than an admission decision (status change, mark, un-mark, a ban
 * closing the chat): the ban's hold and a suspicion carry over, the spam mark is the contact's. A mark
 * or un-mark is the team's verdict: it ends a suspicion.
 */
export function bucketAfterChange(
  current: { bucket: InboxBucket | string },
  status: ConversationStatus,
  contactMarkedAsSpam: boolean,
  verdict = false,
): InboxBucket {
  return inboxBucket(status, {
    contactMarkedAsSpam,
    heldByBan: isHeldByBan(current),
    suspected: !verdict && isSuspected(current),
  });
}

// Every status, checked by the compiler: a new status cannot be left out of the SQL below.
const STATUSES = Object.keys({ waiting: true, open: true, resolved: true } satisfies Record<
  ConversationStatus,
  true
>) as ConversationStatus[];

/**
 * bucketAfterChange as an SQL expression over a "Conversation" row's own "bucket" and "status", for
 * set-based updates of many rows (a contact may have thousands): wrap it in Prisma.raw. Built from
 * inboxBucket itself, so the two cannot disagree; it contains only enum literals, never input.
 */
export function bucketAfterChangeSql(contactMarkedAsSpam: boolean, verdict = false): string {
  const byStatus = (heldByBan: boolean, suspected: boolean) =>
    STATUSES.map(
      (status) => `WHEN '${status}' THEN '${inboxBucket(status, { contactMarkedAsSpam, heldByBan, suspected })}'`,
    ).join(" ");
  return `(CASE WHEN "bucket" = 'banned' THEN (CASE "status"::text ${byStatus(true, false)} END)
    WHEN "bucket" = 'suspected' THEN (CASE "status"::text ${byStatus(false, !verdict)} END)
    ELSE (CASE "status"::text ${byStatus(false, false)} END) END)::"InboxBucket"`;
}
