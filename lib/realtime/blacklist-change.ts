// What the Blacklist page hears (blacklist.changed): how many bans were placed and deactivated, never which,
// so that an open page refreshes. A ban's hits are not news: a banned sender's flood would refresh every
// admin's page every second. Expiry needs no event: the page refreshes itself when a ban it shows runs out.
// Shared by server and browser.

/** Bans placed or deactivated in the tenant. Sent to who may manage bans, coalesced per tenant (coalesce.ts). */
export interface BlacklistChangedEvent {
  placed: number;
  deactivated: number;
}

export type BlacklistChange = Partial<BlacklistChangedEvent>;

/** Two changes as one (the sum of the counts). */
export function mergeBlacklistChanges(a: BlacklistChange, b: BlacklistChange): BlacklistChangedEvent {
  return {
    placed: (a.placed ?? 0) + (b.placed ?? 0),
    deactivated: (a.deactivated ?? 0) + (b.deactivated ?? 0),
  };
}
