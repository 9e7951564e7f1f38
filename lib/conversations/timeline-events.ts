// Timeline entries shown as system lines in a conversation: one typed union, one writer
// (recordTimelineEvent in timeline-writer.ts), and the UI switches on the type (describeEvent in
// lib/inbox/conversation-events.ts). Names are stored in the data at the time it happened, so the
// history reads the same after someone is renamed. Client-safe.

/** Who did it, written by the writer from the actor (absent for the system: expiry, the contact). */
interface ByActor {
  actorId?: string | null;
  actorName?: string;
}

export interface TimelineEventDataMap {
  assigned: ByActor & {
    assigneeId: string;
    assigneeName: string;
    previousAssigneeId: string | null;
    previousAssigneeName: string | null;
    via?: "take_next";
  };
  unassigned: ByActor & { previousAssigneeId: string | null; previousAssigneeName: string | null };
  resolved: ByActor;
  reopened: ByActor;
  reopened_by_contact: Record<string, never>;
  label_added: ByActor & { labelId: string; labelName: string };
  label_removed: ByActor & { labelId: string; labelName: string };
  marked_as_spam: ByActor;
  unmarked_as_spam: ByActor;
  spam_suspicion_dismissed: ByActor;
  live_chat_blocked: ByActor & {
    blockId: string;
    blockedUntil: string;
    minutes: number;
    reason: string | null;
    authenticated: boolean;
    savedToActivityData: boolean;
    extended: boolean;
    shortened?: boolean;
    previousBlockedUntil?: string;
    via?: string;
    leftQueue?: boolean;
  };
  live_chat_unblocked: ByActor & {
    blockId?: string;
    blockedUntil: string | null;
    via?: string;
    authenticated: boolean;
  };
  live_chat_block_expired: { blockId: string; expiredAt: string; authenticated: boolean };
  live_chat_queued: ByActor & { position: number; via: "widget" | "api" };
  live_chat_refused: ByActor & {
    state: string;
    blockedUntil?: string;
    blockId?: string | null;
    banId?: string;
    via: "widget" | "api";
    /**
     * Repeated refusals for the same reason with nothing in between are one line (lib/live-chat/refusal-line.ts):
     * how many attempts it stands for (absent: one) and when the last was.
     */
    attempts?: number;
    lastAttemptAt?: string;
  };
  chat_feedback: ByActor & { feedback: string };
  client_banned: ByActor & { channel: string; banId: string; reason: string | null };
  /**
   * Never stored: the conversation read's marker where it left out the older lines of a stretch holding more than
   * it shows (lib/inbox/get-conversation.ts EVENTS_PER_PAGE). Its id names the oldest line shown.
   */
  lines_omitted: { count: number };
}

export type TimelineEventType = keyof TimelineEventDataMap;

/** A timeline entry before it is stored: its type and that type's data. */
export type TimelineEntry = { [K in TimelineEventType]: { type: K; data: TimelineEventDataMap[K] } }[TimelineEventType];

/** A stored entry as the API and the UI read it. */
export type TimelineEvent = TimelineEntry & { id: string; createdAt: string };

export function timelineEntry<K extends TimelineEventType>(
  type: K,
  data: TimelineEventDataMap[K],
): Extract<TimelineEntry, { type: K }> {
  return { type, data } as Extract<TimelineEntry, { type: K }>;
}

/** A stored row as a typed entry: rows are written by recordTimelineEvent only, so the type names its data. */
export function toTimelineEvent(row: { id: string; type: string; data: unknown; createdAt: Date }): TimelineEvent {
  return {
    id: row.id,
    type: row.type,
    data: (row.data ?? {}) as object,
    createdAt: row.createdAt.toISOString(),
  } as TimelineEvent;
}

/**
 * How far a line has grown: a line is written once, except a repeated refusal, which counts its attempts. Of two
 * copies of one line, the one that has grown more is the newer.
 */
export function timelineRevision(event: TimelineEvent): number {
  return event.type === "live_chat_refused" ? (event.data.attempts ?? 1) : 1;
}
