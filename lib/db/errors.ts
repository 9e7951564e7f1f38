import { Prisma } from "@/lib/generated/prisma/client";

/** A unique constraint refused an insert (Prisma P2002), e.g. two first messages from one sender at once. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * PostgreSQL refused text holding a NUL character (SQLSTATE 22021 "invalid byte sequence for encoding
 * UTF8: 0x00"; jsonb: 22P05 "\\u0000 cannot be converted to text"). Input is checked for NUL at the
 * boundary; this catches what reached the database another way, so it answers 400, not 500.
 */
export function isNulTextError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { message, code, originalCode } = current as { message?: unknown; code?: unknown; originalCode?: unknown };
    if (code === "22021" || originalCode === "22021" || code === "22P05" || originalCode === "22P05") return true;
    if (typeof message === "string" && (message.includes('"UTF8": 0x00') || message.includes("\\u0000 cannot be converted"))) return true;
    const meta = (current as { meta?: { driverAdapterError?: unknown } }).meta;
    current = meta?.driverAdapterError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
