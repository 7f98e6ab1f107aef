import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { safeCallbackUrl } from '@/auth/callback-url';
import { getEnvironment } from '@/environment';
import { SignUpForm } from './SignUpForm';

export const metadata: Metadata = { title: 'Create your account' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, '/account');
  const session = await auth().catch(() => null);
  if (session && !session.error) redirect(callbackUrl);
  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="signup-title">
        <h1 id="signup-title" className="auth-card__title">
          Create your account
        </h1>
        <p className="auth-card__lead">
          Free forever. Follow artists, build playlists and Jam with friends.
        </p>
        <SignUpForm callbackUrl={callbackUrl} googleEnabled={Boolean(getEnvironment().google)} />
      </section>
    </div>
  );
}
