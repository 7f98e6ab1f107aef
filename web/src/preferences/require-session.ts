import 'server-only';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';

/** A signed-in page's first line: the session, or a redirect to sign in and back to `path`. */
export async function requireSession(path: string) {
  const session = await auth();
  if (!session) redirect(signInRedirectPath(path));
  if (session.error) redirect(signInRedirectPath(path, 'SessionExpired'));
  return session;
}
