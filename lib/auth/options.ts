// next-auth configuration: email + password sign-in, JWT sessions carrying agent id, tenant id, role and
// the id of the session's row. The cookie only identifies the agent and the session; every request
// re-reads the agent (role, permissions, deactivation) and checks the session row is still there
// (lib/auth/agents.ts loadSessionActor), so changes and revocations apply at once.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authSecret } from "@/lib/env";
import { getDb } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { clientAddress } from "@/lib/http/client-address";
import { guardSignIn, SignInThrottled } from "./sign-in-guard";
import { endAgentSession, SESSION_MAX_AGE_SECONDS, startAgentSession } from "./agent-sessions";
import { ACCOUNT_DEACTIVATED, SIGN_IN_BUSY } from "./sign-in-messages";
import { rememberDevice, trustedDeviceIn } from "./device-cookie";
import { PasswordWorkBusy, type PasswordWorkPriority } from "./password-work";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/**
 * Checks an email and password: the agent, "deactivated" when the password is right but the account
 * is deactivated (so the page can say so without telling anyone else anything), or null. Throws
 * PasswordWorkBusy when the check could not take a turn (lib/auth/password-work.ts); `priority` is its place.
 */
export async function checkAgentCredentials(input: unknown, priority: PasswordWorkPriority = "normal") {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const db = await getDb();
  const agent = await db.agent.findUnique({
    where: { email: parsed.data.email },
    omit: { passwordHash: false },
  });
  // Verify even for unknown emails so timing does not reveal which emails exist.
  const passwordHash = agent?.passwordHash ?? (await dummyHash(priority));
  const ok = await verifyPassword(passwordHash, parsed.data.password, priority);
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
function dummyHash(priority: PasswordWorkPriority): Promise<string> {
  // A refused first hash is not kept: every sign-in with an unknown email would be refused with it.
  dummy ??= hashPassword(crypto.randomUUID(), priority).catch((error: unknown) => {
    dummy = undefined;
    throw error;
  });
  return dummy;
}

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
          // Brute-force protection (lib/auth/sign-in-guard.ts); next-auth shows a refusal's message.
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const address = clientAddress(headers);
          let agent: Awaited<ReturnType<typeof checkAgentCredentials>>;
          try {
            agent = await guardSignIn({
              email,
              address,
              device: email ? await trustedDeviceIn(await getDb(), headers.cookie, email) : null,
              // The owner's browser or address goes ahead of strangers' (password-work.ts).
              verify: ({ known }) => checkAgentCredentials(credentials, known ? "first" : "normal"),
            });
          } catch (error) {
            if (error instanceof SignInThrottled) throw new Error(error.message);
            // Not checked and not counted (guardSignIn gave its counts back): the owner may simply try again.
            if (error instanceof PasswordWorkBusy) throw new Error(SIGN_IN_BUSY);
            throw error;
          }
          // The right password for a deactivated account is not a guess (guardSignIn does not count it).
          if (agent === "deactivated") throw new Error(ACCOUNT_DEACTIVATED);
          if (!agent) return null;
          await rememberDevice(headers.cookie, agent);
          return { id: agent.id, email: agent.email, name: agent.name, tenantId: agent.tenantId, role: agent.role };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.agentId = user.id;
          token.tenantId = user.tenantId;
          token.role = user.role;
          // Each sign-in is a session row the cookie names: ending it (sign-out, revocation) ends the cookie.
          token.sessionId = await startAgentSession(await getDb(), { agentId: user.id, tenantId: user.tenantId });
        }
        return token;
      },
      session({ session, token }) {
        session.agentId = token.agentId;
        session.tenantId = token.tenantId;
        session.role = token.role;
        session.sessionId = token.sessionId;
        return session;
      },
    },
    events: {
      // The cookie is cleared by next-auth; a copy of it (another tab's, a thief's) stops working too.
      async signOut({ token }) {
        if (typeof token?.sessionId === "string") await endAgentSession(await getDb(), token.sessionId);
      },
    },
  };
}
