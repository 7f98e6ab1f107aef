import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';
import { JamRoom } from '@/jam/JamRoom';

export const metadata: Metadata = { title: 'Jam' };

export default async function JamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await auth();
  if (!session) redirect(signInRedirectPath(`/jam/${id}`));
  if (session.error) redirect(signInRedirectPath(`/jam/${id}`, 'SessionExpired'));
  return <JamRoom id={id} viewerId={session.user.id} />;
}
