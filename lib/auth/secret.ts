// The session-signing secret when NEXTAUTH_SECRET is not configured: generated once and kept in the
// database, so every instance sharing the database signs and checks cookies with the same secret.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";

const KEY = "nextauth_secret";

export async function loadOrCreateAuthSecret(db: Db): Promise<string> {
  const existing = await db.systemSetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  try {
    const created = await db.systemSetting.create({ data: { key: KEY, value: randomBytes(48).toString("base64url") } });
    return created.value;
  } catch (error) {
    // Another instance starting at the same moment won the race; use its secret.
    if (!isUniqueViolation(error)) throw error;
    return (await db.systemSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
  }
}
