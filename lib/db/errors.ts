import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A unique constraint refused an insert (Prisma P2002, or SQLSTATE 23505 from raw SQL and database
 * functions), e.g. two first messages from one sender at once.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") || sqlStateOf(error) === "23505"
  );
}

/**
 * PostgreSQL broke a deadlock by failing this statement (SQLSTATE 40P01): nothing of it was kept, and it can be
 * run again (two groups of ingested messages whose spam strings crossed, lib/messages/receive-group.ts).
 */
export function isDeadlock(error: unknown): boolean {
  return sqlStateOf(error) === "40P01";
}

/** The SQLSTATE PostgreSQL answered with, wherever Prisma or the driver adapter put it; undefined if none. */
export function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, originalCode } = current as { code?: unknown; originalCode?: unknown };
    // A Prisma error's own code (P2010 "raw query failed"…) is Prisma's, not the database's.
    const prismaError = current instanceof Prisma.PrismaClientKnownRequestError;
    for (const candidate of prismaError ? [] : [originalCode, code]) {
      if (typeof candidate === "string" && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
    }
    const meta = (current as { meta?: { driverAdapterError?: unknown; code?: unknown } }).meta;
    if (typeof meta?.code === "string" && /^[0-9A-Z]{5}$/.test(meta.code)) return meta.code;
    current = meta?.driverAdapterError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
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
    if (
      typeof message === "string" &&
      (message.includes('"UTF8": 0x00') || message.includes("\\u0000 cannot be converted"))
    )
      return true;
    const meta = (current as { meta?: { driverAdapterError?: unknown } }).meta;
    current = meta?.driverAdapterError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}
