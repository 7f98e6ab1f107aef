import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Argon2id at OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane. */
const ARGON2ID_OPTIONS = {
  // `Algorithm` is a const enum in @node-rs/argon2's typings (absent at run time); 2 = Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export class PasswordHasher {
  /** A hash of a random password, verified when there is no user so both paths cost the same. */
  private readonly decoy = hash(`decoy-${Math.random()}`, ARGON2ID_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID_OPTIONS);
  }

  /** Checks `password`; with no stored hash, spends the same time and answers false. */
  async verify(storedHash: string | null | undefined, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.decoy);
    const ok = await verify(target, password).catch(() => false);
    return Boolean(storedHash) && ok;
  }
}
