import { NextResponse, type NextRequest } from 'next/server';
import { encode, getToken } from 'next-auth/jwt';
import { getAuthOptions, refreshIfNeeded } from '@/auth';
import { forwardedForOf } from '@/auth/forwarded-for';
import { isProtectedPath, signInRedirectPath } from '@/auth/protected-routes';
import { planSessionCookies } from '@/auth/session-cookies';
import {
  PROXY_REFRESH_MARGIN_MS,
  REFRESH_FAILED,
  shouldRefreshAccessToken,
} from '@/auth/session-token';
import { getEnvironment } from '@/environment';
import {
  buildContentSecurityPolicy,
  createNonce,
  NONCE_HEADER,
} from '@/security/content-security-policy';

/**
 * Next.js proxy (formerly "middleware"): refreshes an access token that is about to expire BEFORE the
 * page renders. Server components cannot write cookies, so a refresh inside getServerSession would
 * rotate the refresh token without saving the new pair. Here we can: the rotated session cookie is
 * written to the response and also handed to this request's server components.
 *
 * It also answers protected pages with a real HTTP redirect to /signin when nobody is signed in (the
 * pages check again themselves; this just avoids rendering and streaming a page only to leave it).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = getEnvironment();
  // A fresh nonce per page: Next.js reads it from the request's CSP header and puts it on its own
  // <script>s; the root layout reads it (x-nonce) for Apollo's data-transport scripts.
  const nonce = createNonce();
  const policy = buildContentSecurityPolicy({
    nonce,
    development: env.nodeEnv === 'development',
    publicGraphqlUrl: env.publicGraphqlUrl,
    mediaOrigins: env.mediaOrigins,
    secureSite: env.nextAuthUrl.startsWith('https://'),
  });
  /** Render the page, with this request's headers as they are by now (a refresh rewrites cookies). */
  const render = () => {
    const headers = new Headers(request.headers);
    headers.set('content-security-policy', policy);
    headers.set(NONCE_HEADER, nonce);
    return NextResponse.next({ request: { headers } });
  };
  const response = await authenticate(request, render);
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

async function authenticate(
  request: NextRequest,
  render: () => NextResponse,
): Promise<NextResponse> {
  const env = getEnvironment();
  const secureCookie = env.nextAuthUrl.startsWith('https://');
  const cookieName = `${secureCookie ? '__Secure-' : ''}next-auth.session-token`;
  let token;
  try {
    token = await getToken({ req: request, secret: env.nextAuthSecret, secureCookie, cookieName });
  } catch {
    token = null;
  }
  const back = request.nextUrl.pathname + request.nextUrl.search;
  const toSignIn = (error?: string) =>
    NextResponse.redirect(new URL(signInRedirectPath(back, error), request.url));
  const protectedPage = isProtectedPath(request.nextUrl.pathname);

  if (!token?.accessToken) return protectedPage ? toSignIn() : render();
  if (token.error === REFRESH_FAILED) return protectedPage ? toSignIn('SessionExpired') : render();
  if (!shouldRefreshAccessToken(token, Date.now(), PROXY_REFRESH_MARGIN_MS)) return render();

  const refreshed = await refreshIfNeeded(
    token,
    PROXY_REFRESH_MARGIN_MS,
    forwardedForOf(request.headers),
  );
  if (refreshed === token) return render(); // router unreachable: try again next request

  const maxAge = getAuthOptions().session?.maxAge ?? 30 * 24 * 60 * 60;
  const value = await encode({ token: refreshed, secret: env.nextAuthSecret, maxAge });
  const plan = planSessionCookies(
    request.cookies.getAll().map((c) => c.name),
    cookieName,
    value,
  );
  // This request's server components see the new session…
  for (const name of plan.remove) request.cookies.delete(name);
  for (const cookie of plan.set) request.cookies.set(cookie.name, cookie.value);
  // …and so does the browser. A rejected refresh on a protected page goes straight to sign-in (the
  // cookie records the error so the client clears the session).
  const response = refreshed.error && protectedPage ? toSignIn('SessionExpired') : render();
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure: secureCookie } as const;
  for (const cookie of plan.set)
    response.cookies.set(cookie.name, cookie.value, { ...options, maxAge });
  for (const name of plan.remove) response.cookies.set(name, '', { ...options, maxAge: 0 });
  return response;
}

export const config = {
  // Pages only: not next-auth's own routes (they refresh through the jwt callback) nor static files.
  matcher: ['/((?!api/auth|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
