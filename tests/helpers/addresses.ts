// Client addresses for tests of per-address limits. With REDIS_URL the limits' buckets outlive a run, so
// a fixed address could start a rerun already past its limit: every test takes networks nobody used.
import { randomBytes } from "node:crypto";

const group = () => randomBytes(2).toString("hex");

/** A fresh IPv6 /48 ("2001:db8:xxxx"): a site whose /64s are many clients, as a server's or an office's. */
export const newSite = () => `2001:db8:${group()}`;

/** A fresh IPv6 /64 in the documentation range ("2001:db8:xxxx:xxxx"); add "::host" for an address in it. */
export const newNetwork = () => `${newSite()}:${group()}`;

/** An address in a /64 of its own (per-address limits count IPv6 clients by /64). */
export const newAddress = (host = "1") => `${newNetwork()}::${host}`;
