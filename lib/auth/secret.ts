// The session-signing secret when NEXTAUTH_SECRET is not configured: generated once and kept in the
// database, so every instance sharing the database signs and checks cookies with the same secret.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";

const KEY = "nextauth_secret";

/** `onCreate`: called when this call generated the secret (the first start), so the caller can say where it lives. */
export async function loadOrCreateAuthSecret(db: Db, options: { onCreate?: () => void } = {}): Promise<string> {
  const existing = await db.systemSetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  try {
    const created = await db.systemSetting.create({ data: { key: KEY, value: randomBytes(48).toString("base64url") } });
    options.onCreate?.();
    return created.value;
  } catch (error) {
    // Another instance starting at the same moment won the race; use its secret.
    if (!isUniqueViolation(error)) throw error;
    return (await db.systemSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
  }
}
