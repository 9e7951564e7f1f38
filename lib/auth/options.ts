// next-auth configuration: email + password sign-in, JWT sessions carrying agent id, tenant id and role.
// The session only identifies the agent; every request re-reads the agent (role, permissions,
// deactivation) from the database in requireAgent(), so changes apply at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/lib/env";
import { getDb } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { assertUnderRateLimit, clientAddress, countRateLimitedFailure, RATE_LIMITS } from "@/lib/rate-limit/rate-limiter";
import { RateLimited } from "@/lib/errors";
import { ACCOUNT_DEACTIVATED, TOO_MANY_ATTEMPTS_PREFIX } from "./sign-in-messages";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/**
 * Checks an email and password: the agent, "deactivated" when the password is right but the account
 * is deactivated (so the page can say so without telling anyone else anything), or null.
 */
export async function checkAgentCredentials(input: unknown) {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const db = await getDb();
  const agent = await db.agent.findUnique({
    where: { email: parsed.data.email },
    omit: { passwordHash: false },
  });
  // Verify even for unknown emails so timing does not reveal which emails exist.
  const ok = await verifyPassword(agent?.passwordHash ?? (await dummyHash()), parsed.data.password);
  if (!agent || !ok) return null;
  if (agent.deactivatedAt) return "deactivated" as const;
  return agent;
}

/** Checks an email and password; returns the agent or null. Deactivated agents cannot sign in. */
export async function verifyAgentCredentials(input: unknown) {
  const checked = await checkAgentCredentials(input);
  return checked === "deactivated" ? null : checked;
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomUUID());
  return dummy;
}

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          // Brute-force protection: failed attempts per email and per client address. next-auth shows the message.
          const email = typeof credentials?.email === "string" ? credentials.email.trim().toLowerCase() : "";
          const address = clientAddress(req?.headers ?? {});
          try {
            await assertUnderRateLimit(RATE_LIMITS.signInPerAddress, address);
            if (email) await assertUnderRateLimit(RATE_LIMITS.signInPerEmail, email);
          } catch (error) {
            if (error instanceof RateLimited) throw new Error(`${TOO_MANY_ATTEMPTS_PREFIX} Try again in ${Math.ceil(error.retryAfterSeconds / 60)} min.`);
            throw error;
          }
          const agent = await checkAgentCredentials(credentials);
          // The right password for a deactivated account: not a guess, so not counted as a failure.
          if (agent === "deactivated") throw new Error(ACCOUNT_DEACTIVATED);
          if (!agent) {
            await countRateLimitedFailure(RATE_LIMITS.signInPerAddress, address);
            if (email) await countRateLimitedFailure(RATE_LIMITS.signInPerEmail, email);
            return null;
          }
          return { id: agent.id, email: agent.email, name: agent.name, tenantId: agent.tenantId, role: agent.role };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.agentId = user.id;
          token.tenantId = user.tenantId;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.agentId = token.agentId;
        session.tenantId = token.tenantId;
        session.role = token.role;
        return session;
      },
    },
  };
}
