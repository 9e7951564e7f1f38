import { Prisma } from "@/lib/generated/prisma/client";

/** A unique constraint refused an insert (Prisma P2002), e.g. two first messages from one sender at once. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
