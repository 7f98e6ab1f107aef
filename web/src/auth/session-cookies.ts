/**
 * next-auth splits a session cookie bigger than one cookie can hold into `<name>.0`, `<name>.1`, …
 * (and reads either form back). When the proxy rewrites the session it must do the same, and remove
 * whichever old cookies the new value no longer uses.
 */

// Same as next-auth v4 (core/lib/cookie.js): 4096 bytes minus an estimated empty cookie of 163.
export const SESSION_COOKIE_CHUNK_SIZE = 4096 - 163;

export interface SessionCookiePlan {
  set: Array<{ name: string; value: string }>;
  remove: string[];
}

export function planSessionCookies(
  existingCookieNames: readonly string[],
  cookieName: string,
  value: string,
  chunkSize: number = SESSION_COOKIE_CHUNK_SIZE,
): SessionCookiePlan {
  const set: SessionCookiePlan['set'] = [];
  if (value.length <= chunkSize) {
    set.push({ name: cookieName, value });
  } else {
    for (let i = 0; i * chunkSize < value.length; i += 1) {
      set.push({
        name: `${cookieName}.${i}`,
        value: value.slice(i * chunkSize, (i + 1) * chunkSize),
      });
    }
  }
  const kept = new Set(set.map((c) => c.name));
  const chunkPattern = new RegExp(`^${cookieName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+$`);
  const remove = existingCookieNames.filter(
    (name) => (name === cookieName || chunkPattern.test(name)) && !kept.has(name),
  );
  return { set, remove };
}
