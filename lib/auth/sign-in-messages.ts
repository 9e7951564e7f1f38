// What the sign-in page may tell someone besides "Wrong email or password." (client-safe: the login
// form compares next-auth's error text with these).

/** Only said after the right password: someone who does not know it learns nothing about the account. */
export const ACCOUNT_DEACTIVATED = "This account is deactivated. Ask an admin of your team to reactivate it.";

export const TOO_MANY_ATTEMPTS_PREFIX = "Too many sign-in attempts.";

/** Too much password checking waiting on this instance (lib/auth/password-work.ts): not counted as a guess. */
export const SIGN_IN_BUSY = "Sign-in is busy. Try again in a few seconds.";

/** Whether next-auth's error text is one of these messages (anything else: a wrong email or password). */
export function isSignInMessage(error: string): boolean {
  return error === ACCOUNT_DEACTIVATED || error === SIGN_IN_BUSY || error.startsWith(TOO_MANY_ATTEMPTS_PREFIX);
}
