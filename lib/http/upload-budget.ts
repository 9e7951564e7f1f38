// How many bytes of request bodies one client address (an IPv6 /64) may have on their way in at once, on
// one instance. A body is held in memory until it has arrived whole (route handlers, server actions and the
// node-served ingest paths all read it before they use it), so without this a script could open connection
// after connection, each sending most of a 1 MB body and holding back the rest until the request's time limit
// (lib/http/server-timeouts.ts): a gigabyte from one well-connected host. Each request reserves what it
// declares (Content-Length), or its path's cap when it is chunked, and gives it back when its answer is
// sent or its connection closes. An office behind one address posts kilobytes at a time, far below it.
import { addressLimitSubject } from "./client-address";

const MB = 1024 * 1024;

export const UPLOADS_IN_FLIGHT_PER_ADDRESS = 16 * MB;

export class UploadBudget {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly perAddress = UPLOADS_IN_FLIGHT_PER_ADDRESS) {}

  /** Reserves `bytes` for `address` until the returned release is called (once), or null when over the budget. */
  reserve(address: string, bytes: number): (() => void) | null {
    const subject = addressLimitSubject(address);
    const held = this.inFlight.get(subject) ?? 0;
    if (held + bytes > this.perAddress) return null;
    this.inFlight.set(subject, held + bytes);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(subject) ?? bytes) - bytes;
      if (left > 0) this.inFlight.set(subject, left);
      else this.inFlight.delete(subject);
    };
  }

  /** Bytes reserved for `address` now. */
  heldBy(address: string): number {
    return this.inFlight.get(addressLimitSubject(address)) ?? 0;
  }
}
