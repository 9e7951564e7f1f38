// How many spam rules and actions a tenant may have. Every message with spam strings loads the tenant's
// enabled rules and may run each one's action: without a cap, a supervisor (or a key) could create
// thousands and make every message of theirs cost thousands of rule checks and action runs, on the job
// queue all tenants share.
import "server-only";
import type { Tx } from "@/lib/db";
import { Conflict } from "@/lib/errors";

export const SPAM_CONFIGURATION_CAPS = { rules: 50, actions: 50 } as const;

/** Inside the create's transaction: one create at a time per tenant (its row's lock), refused at the cap. */
export async function assertRoomFor(tx: Tx, tenantId: string, what: keyof typeof SPAM_CONFIGURATION_CAPS) {
  // NO KEY UPDATE does not block the key-share locks that inserts referencing the tenant take.
  await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE "id" = ${tenantId} FOR NO KEY UPDATE`;
  const where = { tenantId };
  const count = what === "rules" ? await tx.spamRule.count({ where }) : await tx.spamAction.count({ where });
  const cap = SPAM_CONFIGURATION_CAPS[what];
  if (count >= cap) {
    throw new Conflict(
      `too_many_${what}`,
      `A team has at most ${cap} spam ${what}: delete one you no longer need first.`,
      { cap, count },
    );
  }
}
