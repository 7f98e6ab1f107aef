import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';
import { query } from '@/apollo/server-client';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { isUnauthenticated } from '@/graphql/apollo-errors';
import { ACCOUNT_QUERY, type AccountViewer } from './account.query';
import { ApiKeysSection } from './ApiKeysSection';
import { ChangePasswordSection } from './ChangePasswordSection';
import { ProfileSection } from './ProfileSection';

export const metadata: Metadata = { title: 'Your account' };

const SIGN_IN = signInRedirectPath('/account');
const SESSION_EXPIRED = signInRedirectPath('/account', 'SessionExpired');

type Loaded =
  { kind: 'ok'; viewer: AccountViewer } | { kind: 'signed-out' } | { kind: 'unavailable' };

async function loadAccount(): Promise<Loaded> {
  try {
    const { data } = await query({ query: ACCOUNT_QUERY });
    return data?.me ? { kind: 'ok', viewer: data.me } : { kind: 'signed-out' };
  } catch (error) {
    if (isUnauthenticated(error)) return { kind: 'signed-out' };
    console.error('[web] account: loading `me` failed', error);
    return { kind: 'unavailable' };
  }
}

export default async function AccountPage() {
  const session = await auth();
  if (!session) redirect(SIGN_IN);
  if (session.error) redirect(SESSION_EXPIRED);

  const loaded = await loadAccount();
  if (loaded.kind === 'signed-out') redirect(SESSION_EXPIRED);
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref="/account" />;

  const { viewer } = loaded;
  return (
    <>
      <header className="page-header">
        <h1>Your account</h1>
        <p>
          Manage your profile, password and API keys.{' '}
          <Link href={`/users/${viewer.user.id}`}>See your public profile</Link>
        </p>
      </header>
      <div className="account-grid">
        <ProfileSection displayName={viewer.user.displayName} email={viewer.email} />
        <ChangePasswordSection />
        <div className="account-grid__wide">
          <ApiKeysSection initialKeys={viewer.apiKeys} />
        </div>
      </div>
    </>
  );
}
