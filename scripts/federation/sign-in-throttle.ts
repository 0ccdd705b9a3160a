/** Wrong passwords in a row for one user name before its sign-in is refused for a while. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a user name's sign-in is refused after that; and how long a failure is remembered. */
export const SIGN_IN_LOCKOUT_S = 60;

/**
 * Failed sign-ins per user name (known or not), one throttle per identity provider: after
 * MAX_FAILED_SIGN_INS in a row, every attempt with that name, the right password included, is refused for
 * SIGN_IN_LOCKOUT_S, so that passwords cannot be guessed at speed. A success clears the count; a name
 * with no failure for SIGN_IN_LOCKOUT_S and no lockout running is forgotten, so guessed names take no
 * memory for long.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; last: number; lockedUntil: number }>();

  /** Seconds until the name may try again, or 0. */
  lockedFor(key: string, now = Date.now()): number {
    const entry = this.failures.get(key);
    return entry && entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
  }

  failed(key: string, now = Date.now()): void {
    const window = SIGN_IN_LOCKOUT_S * 1000;
    for (const [name, old] of this.failures) {
      if (old.lockedUntil <= now && now - old.last > window) this.failures.delete(name);
    }
    const entry = this.failures.get(key) ?? { count: 0, last: now, lockedUntil: 0 };
    entry.count += 1;
    entry.last = now;
    if (entry.count >= MAX_FAILED_SIGN_INS) entry.lockedUntil = now + window;
    this.failures.set(key, entry);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
