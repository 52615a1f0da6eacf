import argon2 from 'argon2';

/**
 * Passwords are hashed with argon2id (the `argon2` package, whose prebuilt binaries ship inside the
 * npm package), at the library's defaults (64 MiB, 3 passes, parallelism 4), which meet OWASP's
 * password-storage minimums.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** True when `password` matches `hash`; false (never a throw) for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, computed once: signing in as an unknown user verifies against it,
 * so the answer takes as long as for a known user and does not reveal which usernames exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}
