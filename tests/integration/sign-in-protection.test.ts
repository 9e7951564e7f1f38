// Sign-in limits through next-auth's credentials provider, as the sign-in route calls it: the client
// address is the one server.ts stamps (CLIENT_ADDRESS_HEADER); X-Forwarded-For is the client's own.
// With REDIS_URL set the counters are in Redis: subjects are random so runs do not share them.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { testDatabase } from "../helpers/test-database";
import { createTeam, TEST_PASSWORD } from "../factories";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_BUSY } from "@/lib/auth/sign-in-messages";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import {
  accountDelayMs,
  accountSubject,
  ACCOUNT_FROM_NEW_ADDRESSES,
  guardSignIn,
  SIGN_IN_LIMITS,
} from "@/lib/auth/sign-in-guard";
import { DEVICE_COOKIE, issueDeviceToken, rememberedDevices, trustedDeviceOf } from "@/lib/auth/device-cookie";
import { authSecret } from "@/lib/env";
import { setAgentPassword } from "@/lib/agents/agent-credentials";
import { newAddress } from "../helpers/addresses";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize: Authorize = (credentials, req) =>
  (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize(credentials, req);

/** A fresh IPv6 /64 of the documentation range, as server.ts would stamp it. */
const from = (address: string, extra: Record<string, string> = {}) => ({
  headers: { [CLIENT_ADDRESS_HEADER]: address, ...extra },
});
/** The account as a device token is bound to it now: its email's subject and its stored password hash. */
async function deviceAccount(email: string) {
  const agent = await testDatabase().prisma.agent.findUniqueOrThrow({
    where: { email },
    omit: { passwordHash: false },
  });
  return { subject: accountSubject(email), passwordHash: agent.passwordHash };
}

const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    (user) => (user ? "signed-in" : "wrong"),
    (error: Error) =>
      /Too many sign-in attempts/.test(error.message)
        ? "refused"
        : error.message === SIGN_IN_BUSY
          ? "busy"
          : `error: ${error.message}`,
  );

describe("sign-in protection", () => {
  it("counts before verifying: of 20 parallel guesses at a limit of 10, only 10 reach the password check", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const address = newAddress();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(authorize({ email: agent.agent.email, password: "wrong" }, from(address))),
      ),
    );
    expect(results.filter((r) => r === "wrong")).toHaveLength(SIGN_IN_LIMITS.perAccountAndAddress.limit);
    expect(results.filter((r) => r === "refused")).toHaveLength(20 - SIGN_IN_LIMITS.perAccountAndAddress.limit);
  });

  it("does not lock the owner out: a guesser's address is refused, the owner's gets in after a wait", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const attacker = newAddress();
    const owner = newAddress();
    // The owner has signed in from their address before (a new address's turn: ACCOUNT_FROM_NEW_ADDRESSES).
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(owner)))).toBe(
      "signed-in",
    );
    const checked = ACCOUNT_FROM_NEW_ADDRESSES.burst - 1;
    const guesses = await Promise.all(
      Array.from({ length: checked }, () =>
        outcome(authorize({ email: agent.agent.email, password: "guess" }, from(attacker))),
      ),
    );
    expect(guesses.every((r) => r === "wrong")).toBe(true);
    // The attacker's address is done for this account, even with the right password…
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(attacker)))).toBe(
      "refused",
    );
    // …the owner is only slowed down (9 failures from anywhere: 4 s).
    const started = Date.now();
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(owner)))).toBe(
      "signed-in",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(accountDelayMs(checked) - 50);
  }, 30_000);

  it("holds a guesser spread over many addresses, guessing in parallel, to the new addresses' bucket", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const owner = newAddress();
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(owner)))).toBe(
      "signed-in",
    );
    // 40 addresses, one guess each, all at once: each address is within its own limits, and the account's
    // slowdown has counted no failure yet when they all start — only the bucket holds them.
    const guesses = await Promise.all(
      Array.from({ length: 40 }, () =>
        outcome(authorize({ email: agent.agent.email, password: "guess" }, from(newAddress()))),
      ),
    );
    // The owner's first sign-in took one turn.
    expect(guesses.filter((r) => r === "wrong")).toHaveLength(ACCOUNT_FROM_NEW_ADDRESSES.burst - 1);
    expect(guesses.filter((r) => r === "refused")).toHaveLength(40 - (ACCOUNT_FROM_NEW_ADDRESSES.burst - 1));
    // A new address with the right password waits for a turn too; the owner's known address does not.
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(newAddress())))).toBe(
      "refused",
    );
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(owner)))).toBe(
      "signed-in",
    );
  }, 30_000);

  it("keys limits on the stamped address: rotating X-Forwarded-For does not lift a tripped address limit", async () => {
    const address = newAddress();
    const limit = SIGN_IN_LIMITS.perAddress.limit;
    // A script trying one password on many accounts (each account fails once: no slowdown, no per-account limit).
    // On a busy machine some are refused as busy by the password work's cap, which counts in no limit: sent again.
    const sprayed = await Promise.all(
      Array.from({ length: limit }, async (_, i) => {
        const email = `nobody-${i}-${randomBytes(4).toString("hex")}@example.test`;
        const attempt = () =>
          outcome(
            authorize(
              { email, password: "Summer2026!" },
              from(address, { "x-forwarded-for": `198.51.100.${i % 250}` }),
            ),
          );
        let result = await attempt();
        while (result === "busy") result = await attempt();
        return result;
      }),
    );
    expect(sprayed.every((r) => r === "wrong")).toBe(true);
    const rotated = await outcome(
      authorize(
        { email: `nobody-${randomBytes(4).toString("hex")}@example.test`, password: "x" },
        from(address, { "x-forwarded-for": "192.0.2.77" }),
      ),
    );
    expect(rotated).toBe("refused");
  }, 60_000);

  it("limits an IPv6 /48 as a whole, more loosely: a script rotating through a home's /64s is held", async () => {
    const { limit } = SIGN_IN_LIMITS.perNetwork;
    SIGN_IN_LIMITS.perNetwork.limit = 6; // the rule as it is, at a size a test can reach
    try {
      const network = `2001:db8:${randomBytes(2).toString("hex")}`;
      const attempts = [];
      for (let i = 0; i < 8; i++) {
        const email = `nobody-${i}-${randomBytes(4).toString("hex")}@example.test`;
        attempts.push(await outcome(authorize({ email, password: "x" }, from(`${network}:${i.toString(16)}::1`))));
      }
      expect(attempts).toEqual([...Array(6).fill("wrong"), "refused", "refused"]);
      // Another network is not held.
      expect(await outcome(authorize({ email: "someone@example.test", password: "x" }, from(newAddress())))).toBe(
        "wrong",
      );
    } finally {
      SIGN_IN_LIMITS.perNetwork.limit = limit;
    }
  });

  it("counts only failures: an office's good sign-ins never use up its address's budget", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const address = newAddress();
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress.limit; i++) {
      expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(address)))).toBe(
        "signed-in",
      );
    }
  }, 60_000);

  it("slows an account down by a growing, capped delay that every attempt on it waits", async () => {
    expect([0, 4, 5, 6, 7, 10, 50].map(accountDelayMs)).toEqual([0, 0, 250, 500, 1000, 8000, 8000]);
    const email = `target-${randomBytes(4).toString("hex")}@example.test`;
    const slept: number[] = [];
    const sleep = async (ms: number) => void slept.push(ms);
    for (let i = 0; i < 7; i++) await guardSignIn({ email, address: newAddress(), verify: async () => null, sleep });
    expect(slept).toEqual([250, 500]);
    // The owner waits too, but gets in.
    expect(await guardSignIn({ email, address: newAddress(), verify: async () => "owner", sleep })).toBe("owner");
    expect(slept).toEqual([250, 500, 1000]);
  });

  it("lets the owner's browser in during an attack (a device cookie); a stolen one gets 10 guesses", async () => {
    const { agent } = await createTeam(testDatabase().prisma);
    const email = agent.agent.email;
    const secret = authSecret();
    // A browser that signed in before: its device token (what the sign-in route sets in DEVICE_COOKIE).
    const cookie = (value: string) => ({ cookie: `other=1; ${DEVICE_COOKIE}=${value}` });
    const account = await deviceAccount(email);
    const mine = issueDeviceToken(secret, account);
    // An attack from 40 new addresses uses up the account's turns for new addresses and slows it down.
    await Promise.all(
      Array.from({ length: 40 }, () => outcome(authorize({ email, password: "guess" }, from(newAddress())))),
    );
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress())))).toBe("refused");
    // The owner, at a new address (a train's Wi-Fi), with their browser: in at once, no slowdown waited.
    const started = Date.now();
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress(), cookie(mine))))).toBe(
      "signed-in",
    );
    expect(Date.now() - started).toBeLessThan(accountDelayMs(ACCOUNT_FROM_NEW_ADDRESSES.burst) - 500);
    // Tokens that prove nothing: another account's, a forged signature, garbage.
    const others = [
      issueDeviceToken(secret, {
        ...account,
        subject: accountSubject(`else-${randomBytes(3).toString("hex")}@x.test`),
      }),
      `${mine.slice(0, -4)}AAAA`,
      "not.a.token~%%%",
    ];
    for (const value of others) {
      expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress(), cookie(value))))).toBe(
        "refused",
      );
    }
    // Several accounts in one browser: each finds its own token.
    expect(trustedDeviceOf(secret, account, rememberedDevices(mine, others[0]!))).not.toBeNull();

    // A stolen cookie: 10 wrong passwords from its browser, then it is a stranger again (here: refused).
    const stolen = issueDeviceToken(secret, account);
    const guesses: string[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccountAndDevice.limit + 1; i++) {
      guesses.push(await outcome(authorize({ email, password: `guess-${i}` }, from(newAddress(), cookie(stolen)))));
    }
    expect(guesses).toEqual([...Array(SIGN_IN_LIMITS.perAccountAndDevice.limit).fill("wrong"), "refused"]);
    // The owner's own browser is not held by the thief's.
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress(), cookie(mine))))).toBe(
      "signed-in",
    );
  }, 30_000);

  it("a new password ends every browser's trust: a copied device cookie is a stranger's again", async () => {
    const db = testDatabase().prisma;
    const team = await createTeam(db);
    const email = team.agent.agent.email;
    const copied = issueDeviceToken(authSecret(), await deviceAccount(email));
    const cookie = { cookie: `${DEVICE_COOKIE}=${copied}` };
    // An admin who believes the account taken sets a new password.
    const newPassword = "a-brand-new-password-42";
    await setAgentPassword({
      db,
      actor: team.admin.actor,
      input: { agentId: team.agent.agent.id, password: newPassword },
    });
    // An attack from new addresses uses up the account's turns; the thief's copy no longer skips them, even with
    // the new password (learnt some other way).
    await Promise.all(
      Array.from({ length: 40 }, () => outcome(authorize({ email, password: "guess" }, from(newAddress())))),
    );
    expect(await outcome(authorize({ email, password: newPassword }, from(newAddress(), cookie)))).toBe("refused");
    // A token issued after the change (the owner's next sign-in) is trusted again.
    const fresh = issueDeviceToken(authSecret(), await deviceAccount(email));
    expect(
      await outcome(
        authorize({ email, password: newPassword }, from(newAddress(), { cookie: `${DEVICE_COOKIE}=${fresh}` })),
      ),
    ).toBe("signed-in");
  }, 30_000);
});
