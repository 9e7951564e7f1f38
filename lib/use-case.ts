// What every use case is called with besides its own input: the database, who is acting, and — for
// those whose outcome depends on the time — the moment to act at (tests pass one; default: now).
// Entry points (route handlers, server actions, jobs) build it; use cases never find it themselves.
import type { Actor } from "@/lib/auth/actor";
import type { Db, DbOrTx } from "@/lib/db";

export interface UseCaseContext {
  db: Db;
  actor: Actor;
  now?: Date;
}

/** A read that may also run inside another use case's transaction. */
export interface ReadContext extends Omit<UseCaseContext, "db"> {
  db: DbOrTx;
}
