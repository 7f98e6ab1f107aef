/**
 * Where to go after signing in. Only same-site relative paths are accepted, so `?callbackUrl=` can not
 * be used to bounce people to another site (open redirect).
 */
export function safeCallbackUrl(
  value: string | string[] | undefined | null,
  fallback = '/',
): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  let path = raw.trim();
  // Accept absolute URLs on our own origin as produced by next-auth by reducing them to their path.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return fallback;
      path = url.pathname + url.search + url.hash;
    } catch {
      return fallback;
    }
  }
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.startsWith('/\\') ||
    path.includes('\\')
  )
    return fallback;
  if ([...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  // Never come back to the auth pages themselves.
  if (/^\/(signin|signup)(\/|\?|#|$)/.test(path) || path.startsWith('/api/auth')) return fallback;
  return path;
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
