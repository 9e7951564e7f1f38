// What one client may hold open and ask of this instance's sockets. A widget token is anyone's for the
// asking (POST /api/widget/session), and a successful handshake cost nothing against any limit: a script
// could open thousands of sockets from one address, or send `widget.join` in a loop, each a database
// read. So:
// - open connections are capped per client address (IPv6: per /64, as every per-address limit) or, when
//   they carry an agent's valid session token, per agent; refused before the connection exists. A
//   connection needs no credentials until it joins a namespace: one that joins none within 10 s is
//   closed. Open widget sockets are capped per visitor. All on each instance (a connection lives on one;
//   N instances allow N times as many);
// - every event a client sends takes a token from its socket's bucket; an event without one is dropped
//   (answered { ok: false } when it asks for an answer) before any database work;
// - a message a client sends over a socket is at most a few kilobytes (ours are an id).
// The widget's handshakes also count against the address's widget request limit (lib/widget/widget-limits.ts).
import "server-only";

export interface SocketLimits {
  socketsPerAddress: number;
  socketsPerAgent: number;
  widgetSocketsPerVisitor: number;
  events: { burst: number; perSecond: number };
  maxMessageBytes: number;
}

export const SOCKET_LIMITS: SocketLimits = {
  /** Open connections per client address on one instance (an office or a carrier's NAT holds many people). */
  socketsPerAddress: 500,
  /**
   * Open connections per agent on one instance, for connections that carry a valid session token: they
   * count here instead of against their address, so a team behind one office address is never capped
   * together with whoever else shares it (one per tab or device).
   */
  socketsPerAgent: 50,
  /** Open widget sockets per visitor on one instance (one per tab the visitor has open). */
  widgetSocketsPerVisitor: 10,
  /**
   * Events a socket may send: a burst, then so many a second. An agent opening chats as fast as the
   * keyboard repeats sends a join and a leave per chat; a visitor sends one join per chat started.
   */
  events: { burst: 60, perSecond: 5 },
  /** The largest message a client may send over a socket (socket.io's default is 1 MB). */
  maxMessageBytes: 16 * 1024,
};

/** Counts open connections or sockets by key (an address, a visitor); one instance's, in memory. */
export class OpenSocketCounts {
  private readonly counts = new Map<string, number>();

  /** Counts one more socket for `key` unless it has `limit` open already; answers whether it did. */
  tryOpen(key: string, limit: number): boolean {
    const open = this.counts.get(key) ?? 0;
    if (open >= limit) return false;
    this.counts.set(key, open + 1);
    return true;
  }

  close(key: string): void {
    const open = (this.counts.get(key) ?? 0) - 1;
    if (open > 0) this.counts.set(key, open);
    else this.counts.delete(key);
  }

  /** How many `key` holds open. */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** A socket's event budget: a token bucket, full at `burst`, refilled at `perSecond`. Says whether an event may run. */
export function eventBudget({ burst, perSecond }: SocketLimits["events"], now: () => number = Date.now): () => boolean {
  let tokens = burst;
  let at = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) / 1000) * perSecond);
    at = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
