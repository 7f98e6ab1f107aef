/** Pages that need a signed-in user. The proxy answers them with a real 307 to /signin when there is none. */
export const PROTECTED_PATH_PREFIXES = [
  '/account',
  '/upload',
  '/library',
  '/notifications',
  '/jam',
] as const;

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PATH_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`),
  );
}

/** The sign-in URL that brings the user back to `pathWithQuery` afterwards. */
export function signInRedirectPath(pathWithQuery: string, error?: string): string {
  const params = new URLSearchParams();
  if (error) params.set('error', error);
  params.set('callbackUrl', pathWithQuery);
  return `/signin?${params.toString()}`;
}
