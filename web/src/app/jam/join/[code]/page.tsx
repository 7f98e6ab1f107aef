import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';
import { JoinJam } from '@/jam/JoinJam';

export const metadata: Metadata = { title: 'Join a Jam' };

/** The share link: /jam/join/<code>. Signs in first if needed, then joins and opens the Jam. */
export default async function JoinJamPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const session = await auth();
  if (!session) redirect(signInRedirectPath(`/jam/join/${code}`));
  if (session.error) redirect(signInRedirectPath(`/jam/join/${code}`, 'SessionExpired'));
  return <JoinJam code={code} />;
}
