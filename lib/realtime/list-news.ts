// What the Live Chat Blacklist and the Blacklist pages count as news (components/live-list.tsx): a block or
// ban placed, lifted or run out — never a hit (a refusal counted on it), which a flood would make every
// second. Shared by server and browser: types only.
import type { BlacklistChangedEvent, ContactUpdatedEvent } from "./events";

/**
 * A contact's live-chat blocks changed (contact.updated carries `liveChat` after a block, a lift or an
 * expiry, to everyone who may see the contact: the Live Chat Blacklist's supervisors and admins among them):
 * 1 when it placed a block (the newest change is an active block's start), 0 for a lift or an expiry, null
 * for any other change of the contact (a name, a trait).
 */
export function liveChatBlockNews(event: ContactUpdatedEvent): number | null {
  const state = event.liveChat;
  if (!state) return null;
  const placed = state.liveChatBlocks.some((block) => block.status === "active" && block.blockedAt === state.version);
  return placed ? 1 : 0;
}

/** Bans placed (each a new row on the Blacklist's first page) or deactivated (a row changes: no count). */
export function blacklistNews(event: BlacklistChangedEvent): number | null {
  if (!event.placed && !event.deactivated) return null;
  return event.placed;
}
