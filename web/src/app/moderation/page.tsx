import type { Metadata } from 'next';
import { ModerationQueue } from '@/moderation/ModerationQueue';

export const metadata: Metadata = { title: 'Moderation' };

/** The moderators' queue of reported comments (anyone else gets a message saying why not). */
export default function ModerationPage() {
  return (
    <>
      <header className="page-header">
        <h1>Moderation</h1>
        <p>
          Reported comments waiting for a decision: hide what breaks the rules, unhide the rest.
        </p>
      </header>
      <ModerationQueue />
    </>
  );
}
