import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { passwordWork, type PasswordWorkPriority } from "./password-work";

// argon2id with the library's defaults (19 MiB, 2 passes): ~20 ms per hash on our machines. Each takes a turn
// in this process's password work (lib/auth/password-work.ts): when too much is waiting, PasswordWorkBusy.

export function hashPassword(password: string, priority: PasswordWorkPriority = "normal"): Promise<string> {
  return passwordWork().run(() => hash(password), priority);
}

export function verifyPassword(
  passwordHash: string,
  password: string,
  priority: PasswordWorkPriority = "normal",
): Promise<boolean> {
  // A malformed hash is a wrong password; a refusal (PasswordWorkBusy) is no answer at all, so it is thrown.
  return passwordWork().run(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }, priority);
}
