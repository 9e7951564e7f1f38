// What the sign-in page may tell someone besides "Wrong email or password." (client-safe: the login
// form compares next-auth's error text with these).

/** Only said after the right password: someone who does not know it learns nothing about the account. */
export const ACCOUNT_DEACTIVATED = "This account is deactivated. Ask an admin of your team to reactivate it.";

export const TOO_MANY_ATTEMPTS_PREFIX = "Too many sign-in attempts.";
