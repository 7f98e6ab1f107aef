import { auth } from '@/auth';

/**
 * Whether this request comes from a signed-in listener (a session without a refresh error).
 * Documents pass it as `$signedIn` so anonymous pages ask no field of the caller's own.
 */
export async function isSignedIn(): Promise<boolean> {
  const session = await auth().catch(() => null);
  return Boolean(session && !session.error);
}
