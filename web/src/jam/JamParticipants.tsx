import type { JamSessionFieldsFragment } from '@/gql/graphql';

/** Who is in the Jam, with avatars (or initials) and whether they are connected right now. */
export function JamParticipants({ session }: { session: JamSessionFieldsFragment }) {
  return (
    <section className="jam-people" aria-labelledby="jam-people-title">
      <h2 id="jam-people-title">Listening ({session.participants.length})</h2>
      <ul className="jam-people__list">
        {session.participants.map(({ user, connected }) => (
          <li key={user.id} className="jam-person" data-connected={connected}>
            {user.avatarUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- avatars come from the media origin
              <img className="jam-avatar" src={user.avatarUrl} alt="" width={32} height={32} />
            ) : (
              <span className="jam-avatar jam-avatar--initials" aria-hidden="true">
                {user.displayName.slice(0, 1).toUpperCase()}
              </span>
            )}{' '}
            {user.displayName}
            {user.id === session.host.id ? ' (host)' : ''}{' '}
            <span className="jam-presence">{connected ? '· online' : '· away'}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
