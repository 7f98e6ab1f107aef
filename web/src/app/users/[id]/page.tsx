import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import { signInRedirectPath } from '@/auth/protected-routes';
import { loadEntity } from '@/apollo/load-entity';
import { query } from '@/apollo/server-client';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { formatDate } from '@/format/dates';
import { PlaylistList } from '@/playlists/PlaylistList';
import { FollowButton } from '@/preferences/FollowButton';
import { ProfileAvatar } from './ProfileAvatar';
import { UserUploads } from './UserUploads';
import {
  USER_PLAYLISTS_SHOWN,
  USER_PROFILE_QUERY,
  USER_UPLOADS_PAGE_SIZE,
} from './user-profile.query';

type Props = { params: Promise<{ id: string }> };

const loadProfile = cache((id: string) =>
  loadEntity(
    'user profile',
    async () =>
      (
        await query({
          query: USER_PROFILE_QUERY,
          variables: { id, first: USER_UPLOADS_PAGE_SIZE, playlists: USER_PLAYLISTS_SHOWN },
        })
      ).data?.user,
  ),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadProfile((await params).id);
  return { title: loaded.kind === 'ok' ? loaded.value.displayName : 'Profile' };
}

/** Anyone's public profile: who they are, their uploads, their public playlists and followers. */
export default async function UserProfilePage({ params }: Props) {
  const { id } = await params;
  const [loaded, session] = await Promise.all([loadProfile(id), auth().catch(() => null)]);
  if (loaded.kind === 'not-found') notFound();
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref={`/users/${id}`} />;
  const user = loaded.value;
  const signedIn = session && !session.error ? session : null;
  const own = signedIn?.user.id === user.id;
  const playlists = user.playlists.edges.map((edge) => edge.node);
  return (
    <article aria-labelledby="profile-name">
      <header className="media-header media-header--artist">
        <ProfileAvatar name={user.displayName} url={user.avatarUrl} />
        <div className="media-header__text">
          <p className="eyebrow">{own ? 'Your profile' : 'Profile'}</p>
          <h1 id="profile-name">{user.displayName}</h1>
          <p className="media-header__meta">
            Member since{' '}
            <time dateTime={user.createdAt} title={user.createdAt}>
              {formatDate(user.createdAt)}
            </time>
            {` · ${user.uploads.totalCount} upload${user.uploads.totalCount === 1 ? '' : 's'}`}
          </p>
          <FollowButton
            kind="user"
            id={user.id}
            name={user.displayName}
            initial={{ followedByMe: user.followedByMe, followerCount: user.followerCount }}
            hidden={own}
          />
          {signedIn ? null : (
            <p className="profile-invite">
              <Link href={signInRedirectPath(`/users/${user.id}`)}>Sign in</Link> to follow{' '}
              {user.displayName} and hear about their uploads.
            </p>
          )}
          {own ? (
            <p className="profile-invite">
              This is how others see you. <Link href="/account">Edit your profile</Link>
            </p>
          ) : null}
        </div>
      </header>

      <UserUploads userId={user.id} displayName={user.displayName} initial={user.uploads} />

      <section aria-labelledby="profile-playlists-title" className="media-section">
        <h2 id="profile-playlists-title" className="section-title">
          Public playlists <span className="section-count">{user.playlists.totalCount}</span>
        </h2>
        <PlaylistList
          playlists={playlists}
          showOwner={false}
          empty={`${user.displayName} has no public playlists yet.`}
        />
      </section>
    </article>
  );
}
