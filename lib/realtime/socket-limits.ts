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
// - a message a client sends over a socket is at most a few kilobytes (ours are an id);
// - a widget join that needs the database (./widget-join.ts) takes a turn from its visitor's and its address's
//   budgets, shared by all their sockets (and, in Redis, by every instance): the per-socket budget alone let
//   ~50 tokens at one address, 500 sockets, ask ~2,500 a second.
// The widget's handshakes also count against the address's widget request limit (lib/widget/widget-limits.ts).
import "server-only";

/** A token bucket: full at `burst`, refilled at `perSecond`. */
export interface Budget {
  burst: number;
  perSecond: number;
}

export interface SocketLimits {
  socketsPerAddress: number;
  socketsPerAgent: number;
  widgetSocketsPerVisitor: number;
  events: Budget;
  widgetJoins: { perVisitor: Budget; perAddress: Budget };
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
  /**
   * Widget joins that ask the database (not the room the socket is already in), across all sockets. A person
   * joins once per tab per reconnect, and today's widget only when a message starts a new chat.
   */
  widgetJoins: {
    /**
     * Every tab at once (the visitor's socket cap), then one every 2 s: more than any person needs; a script
     * holding one token gets one join every 2 s.
     */
    perVisitor: { burst: 10, perSecond: 0.5 },
    /**
     * A widget's join follows at least two widget requests from its address (a session and the message that
     * started the chat), which the address's widget limit caps at 600 a minute: the people behind one address
     * cannot need more than 5 a second. 20 at once is a crowd starting chats in the same moment; more would
     * only let a script's reads through sooner (60 at once held an agent's read ~1 s on the embedded
     * database). ~50 tokens on one address (its socket cap) get 5 joins a second between them, not 2,500.
     */
    perAddress: { burst: 20, perSecond: 5 },
  },
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
export function eventBudget({ burst, perSecond }: Budget, now: () => number = Date.now): () => boolean {
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
