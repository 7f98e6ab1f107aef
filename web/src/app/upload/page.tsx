import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';
import { UploadFlow } from './UploadFlow';

export const metadata: Metadata = { title: 'Upload a song' };

export default async function UploadPage() {
  const session = await auth();
  if (!session) redirect(signInRedirectPath('/upload'));
  if (session.error) redirect(signInRedirectPath('/upload', 'SessionExpired'));
  return (
    <>
      <header className="page-header">
        <h1>Upload a song</h1>
        <p>Your file goes straight to storage; we turn it into a stream with a waveform.</p>
      </header>
      <UploadFlow defaultArtistName={session.user.displayName} />
    </>
  );
}
