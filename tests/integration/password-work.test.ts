// Refused as busy (lib/auth/password-work.ts): a sign-in, a password change, an admin setting a password or
// creating an agent that could not take a turn of password work is told so, and counts as nothing — not as a
// wrong password in any sign-in limit, not against the session's wrong current passwords. The instance is
// made busy by holding its one place (limits lowered for the test, as sign-in-protection.test.ts does).
// With REDIS_URL set the counters are in Redis: subjects are random so runs do not share them.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { testDatabase } from "../helpers/test-database";
import { createTeam, TEST_PASSWORD } from "../factories";
import { authOptions } from "@/lib/auth/options";
import { addressLimitSubject, CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { ACCOUNT_FROM_NEW_ADDRESSES, guardSignIn, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-guard";
import { SIGN_IN_BUSY } from "@/lib/auth/sign-in-messages";
import { PASSWORD_WORK, passwordWork } from "@/lib/auth/password-work";
import { peekRateLimit } from "@/lib/rate-limit/rate-limiter";
import { changeOwnPassword, PASSWORD_CHANGE_LIMIT, setAgentPassword } from "@/lib/agents/agent-credentials";
import { createAgent } from "@/lib/agents/manage-agents";
import { toActionResult } from "@/lib/http/action-result";
import { newAddress } from "../helpers/addresses";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize: Authorize = (credentials, req) =>
  (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize(credentials, req);

const db = () => testDatabase().prisma;
const from = (address: string) => ({ headers: { [CLIENT_ADDRESS_HEADER]: address } });
const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    (user) => (user ? "signed-in" : "wrong"),
    (error: Error) =>
      error.message === SIGN_IN_BUSY
        ? "busy"
        : /Too many sign-in attempts/.test(error.message)
          ? "refused"
          : `error: ${error.message}`,
  );

/** Runs `during` while this process's password work has one place, taken, and no line: every call is refused. */
async function whileBusy<T>(during: () => Promise<T>): Promise<T> {
  const saved = { ...PASSWORD_WORK };
  Object.assign(PASSWORD_WORK, { concurrent: 1, waiting: 0 });
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const holding = passwordWork().run(() => held, "first");
  try {
    expect(passwordWork().stats()).toEqual({ running: 1, waiting: 0 });
    return await during();
  } finally {
    release();
    await holding;
    Object.assign(PASSWORD_WORK, saved);
  }
}

describe("password work refused as busy", () => {
  it("a busy refusal gives a new address's turn back: a flood of them leaves the account's turns", async () => {
    const { agent } = await createTeam(db());
    const email = agent.agent.email;
    const busy = await whileBusy(async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < ACCOUNT_FROM_NEW_ADDRESSES.burst + 3; i++) {
        outcomes.push(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress()))));
      }
      return outcomes;
    });
    expect(new Set(busy)).toEqual(new Set(["busy"]));
    // Every turn is still there: the owner, from a new address, gets in at once.
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(newAddress())))).toBe("signed-in");
    const turns = await Promise.all(
      Array.from({ length: ACCOUNT_FROM_NEW_ADDRESSES.burst - 1 }, () =>
        outcome(authorize({ email, password: "guess" }, from(newAddress()))),
      ),
    );
    expect(turns.filter((turn) => turn === "wrong")).toHaveLength(ACCOUNT_FROM_NEW_ADDRESSES.burst - 1);
  });

  it("a sign-in says the server is busy and counts as no wrong password, in any limit", async () => {
    const { agent } = await createTeam(db());
    const email = agent.agent.email;
    const owner = newAddress();
    const stranger = newAddress();
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(owner)))).toBe("signed-in");

    // More than the account-and-address limit from the owner's address, one after another (counted as wrong
    // passwords, the last ones would be refused as too many), and some from a new address; the owner goes
    // first, but there is no line, and the right password or not, none is checked.
    const tries = SIGN_IN_LIMITS.perAccountAndAddress.limit + 2;
    const refused = await whileBusy(async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < tries; i++) {
        const password = i === 0 ? TEST_PASSWORD : `guess ${i}`;
        outcomes.push(await outcome(authorize({ email, password }, from(owner))));
      }
      const strangers = Array.from({ length: 3 }, () => authorize({ email, password: "guess" }, from(stranger)));
      outcomes.push(...(await Promise.all(strangers.map(outcome))));
      // An unknown email (whose dummy hash needs a turn too) is refused the same way.
      const nobody = `nobody-${randomBytes(4).toString("hex")}@example.test`;
      outcomes.push(await outcome(authorize({ email: nobody, password: "x" }, from(stranger))));
      return outcomes;
    });
    expect(refused).toEqual(Array(tries + 4).fill("busy"));

    // Nothing was counted: no address's count, no slowdown of the account, and the owner's address is not held.
    expect(await peekRateLimit(SIGN_IN_LIMITS.perAddress, addressLimitSubject(owner))).toBe(0);
    expect(await peekRateLimit(SIGN_IN_LIMITS.perAddress, addressLimitSubject(stranger))).toBe(0);
    const slept: number[] = [];
    const checked = await guardSignIn({
      email,
      address: owner,
      verify: async () => "checked",
      sleep: async (ms) => void slept.push(ms),
    });
    expect([checked, slept]).toEqual(["checked", []]);
    expect(await outcome(authorize({ email, password: "a wrong one" }, from(stranger)))).toBe("wrong");
    expect(await outcome(authorize({ email, password: TEST_PASSWORD }, from(owner)))).toBe("signed-in");
  }, 30_000);

  it("a password change is refused with 503 and does not count toward the session's wrong passwords", async () => {
    const { agent } = await createTeam(db());
    const change = (currentPassword: string) =>
      changeOwnPassword({ db: db(), actor: agent.actor, input: { currentPassword, newPassword: "a new password!" } });
    // More than the session may get wrong: counted, the last ones would be refused as too many instead.
    const attempts = PASSWORD_CHANGE_LIMIT.limit + 2;
    const refusals = await whileBusy(async () => {
      const errors: unknown[] = [];
      for (let i = 0; i < attempts; i++) errors.push(await change(i === 0 ? TEST_PASSWORD : "a guess").catch((e) => e));
      return errors;
    });
    expect(refusals).toEqual(Array(attempts).fill(expect.objectContaining({ status: 503, code: "busy" })));
    expect(await change(TEST_PASSWORD)).toEqual({ revokedSessions: 0 });
  });

  it("an admin setting a password or creating an agent gets a clear error, and nothing changes", async () => {
    const { admin, agent } = await createTeam(db());
    const email = `new-${randomBytes(4).toString("hex")}@example.test`;
    const [set, created] = await whileBusy(() =>
      Promise.all([
        toActionResult(() =>
          setAgentPassword({
            db: db(),
            actor: admin.actor,
            input: { agentId: agent.agent.id, password: "set by admin" },
          }),
        ),
        toActionResult(() =>
          createAgent.fromUntrusted({
            db: db(),
            actor: admin.actor,
            input: { email, name: "Nina New", password: "a good password", role: "AGENT" },
          }),
        ),
      ]),
    );
    const busy = { ok: false, error: { code: "busy", message: expect.stringMatching(/Try again in a few seconds/) } };
    expect(set).toEqual(busy);
    expect(created).toEqual(busy);
    expect(await db().agent.count({ where: { email } })).toBe(0);
    expect(await outcome(authorize({ email: agent.agent.email, password: TEST_PASSWORD }, from(newAddress())))).toBe(
      "signed-in",
    );
  });
});
