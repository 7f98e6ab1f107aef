import Link from 'next/link';
import { Suspense } from 'react';
import { auth } from '@/auth';
import { LogoMark } from './Logo';
import { NavLinks } from './NavLinks';
import { SignOutButton } from './SignOutButton';
import { HeaderSearch, HeaderSearchFallback } from '@/search/HeaderSearch';
import { NotificationBell } from '@/notifications/NotificationBell';

function initials(name: string): string {
  const letters = name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => [...part][0] ?? '')
    .join('');
  return letters.toUpperCase() || '?';
}

export async function SiteHeader() {
  const session = await auth().catch(() => null);
  const signedIn = session && !session.error ? session : null;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand" aria-label="Groovy Streaming, home">
          <LogoMark className="brand__mark" />
          <span>
            Groovy<span className="brand__sub"> Streaming</span>
          </span>
        </Link>
        <NavLinks signedIn={Boolean(signedIn)} />
        <Suspense fallback={<HeaderSearchFallback />}>
          <HeaderSearch />
        </Suspense>
        <div className="session-nav">
          {signedIn ? (
            <>
              <NotificationBell />
              <Link href="/upload" className="header-upload" aria-label="Upload a song">
                <svg
                  viewBox="0 0 24 24"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  aria-hidden="true"
                >
                  <path d="M12 16V4m0 0L7 9m5-5 5 5M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
                </svg>
              </Link>
              <Link href="/account" className="user-chip" title="Your account">
                <span className="avatar" aria-hidden="true">
                  {initials(signedIn.user.displayName)}
                </span>
                <span className="user-chip__name">
                  <span className="visually-hidden">Account: </span>
                  {signedIn.user.displayName}
                </span>
              </Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="button button--ghost button--small">
                Sign in
              </Link>
              <Link href="/signup" className="button button--primary button--small">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
