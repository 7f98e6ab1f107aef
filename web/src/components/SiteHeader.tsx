import Link from 'next/link';
import { auth } from '@/auth';
import { LogoMark } from './Logo';
import { NavLinks } from './NavLinks';
import { SignOutButton } from './SignOutButton';

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
        <div className="session-nav">
          {signedIn ? (
            <>
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
