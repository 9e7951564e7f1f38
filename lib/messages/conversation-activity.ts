// A cheap-lane conversation's last activity (lastMessageAt, its preview, updatedAt), written behind
// (lib/db/write-behind.ts): a banned or flooding sender's messages each add a Message row, and their
// conversation's row is rewritten once a second with the latest of them — not by every message, which
// made a one-sender flood rewrite the same row (and its five lastMessageAt indexes) under its lock for
// each message. Lists read the conversation as of the last write; this instance's pending activity is
// written before a list is read (lib/inbox/list-conversations.ts), another instance's within a second. A
// crash loses at most the last second's activity (its messages are stored; the next one moves it again).
import "server-only";
import { writeBehind } from "@/lib/db/write-behind";

interface Activity {
  at: Date;
  preview: string;
}

const activity = writeBehind<Activity>({
  name: "conversation activity",
  merge: (earlier, later) => (later.at.getTime() >= earlier.at.getTime() ? later : earlier),
  // Only forward: a message the normal path stored meanwhile may be newer. Rows locked in id order.
  write: (db, changes) =>
    db.$executeRawUnsafe(
      `WITH activity AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS a("id", "at", "preview")),
            locked AS (
              SELECT c."id", activity."at", activity."preview"
                FROM "Conversation" c JOIN activity ON activity."id" = c."id"
               WHERE c."lastMessageAt" < activity."at"
               ORDER BY c."id" FOR NO KEY UPDATE OF c)
       UPDATE "Conversation" c
          SET "lastMessageAt" = locked."at", "lastMessagePreview" = locked."preview",
              "updatedAt" = GREATEST(c."updatedAt", locked."at")
         FROM locked WHERE c."id" = locked."id"`,
      changes.map(([id]) => id),
      changes.map(([, change]) => change.at.toISOString()),
      changes.map(([, change]) => change.preview),
    ),
});

/** A message was stored in the cheap lane: its conversation's last activity moves within a second. */
export function noteConversationActivity(conversationId: string, at: Date, preview: string): void {
  activity.add(conversationId, { at, preview });
}

/** Writes this instance's pending activity (before a list is read; tests). Never throws. */
export function flushConversationActivity(): Promise<void> {
  return activity.flush();
}
