import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { decodeAuthError } from '@/auth/auth-error-codec';
import { firstParam, safeCallbackUrl } from '@/auth/callback-url';
import { getEnvironment } from '@/environment';
import { SignInForm } from './SignInForm';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, '/');
  const session = await auth().catch(() => null);
  if (session && !session.error) redirect(callbackUrl);
  const initialErrors = decodeAuthError(firstParam(params.error));
  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="signin-title">
        <h1 id="signin-title" className="auth-card__title">
          Welcome back
        </h1>
        <p className="auth-card__lead">Sign in to pick up where the music left off.</p>
        <SignInForm
          callbackUrl={callbackUrl}
          googleEnabled={Boolean(getEnvironment().google)}
          initialErrors={initialErrors}
        />
      </section>
    </div>
  );
}
