import Link from 'next/link';
import { unstable_rethrow } from 'next/navigation';
import { auth } from '@/auth';
import { query } from '@/apollo/server-client';
import { graphql } from '@/gql';
import { HOME_ROW_SIZE } from '@/search/search.operations';
import { ForYouShelf } from '@/for-you/ForYouShelf';
import { FOR_YOU_QUERY, FOR_YOU_SIZE } from '@/for-you/for-you.operations';
import { SongCardRow } from '@/songs/SongCardRow';
import type { TrackFields } from '@/songs/track.fragment';

/** The home page rows. */
const DISCOVER_QUERY = graphql(`
  query Discover($first: Int!, $signedIn: Boolean = true) {
    trending(first: $first) {
      ...TrackFields
    }
    newReleases(first: $first) {
      ...TrackFields
    }
  }
`);

async function loadDiscover(signedIn: boolean): Promise<{
  trending: TrackFields[];
  newReleases: TrackFields[];
} | null> {
  try {
    const { data } = await query({
      query: DISCOVER_QUERY,
      variables: { first: HOME_ROW_SIZE, signedIn },
    });
    return data ?? null;
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering, redirects) are not failures
    console.error('[web] loading trending / new releases failed', error);
    return null;
  }
}

/** The signed-in listener's picks; null when signed out or when they could not be loaded. */
async function loadForYou(): Promise<TrackFields[] | null> {
  try {
    const { data } = await query({ query: FOR_YOU_QUERY, variables: { first: FOR_YOU_SIZE } });
    return data?.forYou ?? null;
  } catch (error) {
    unstable_rethrow(error);
    console.error('[web] loading "for you" failed', error);
    return null;
  }
}

export default async function HomePage() {
  const session = await auth().catch(() => null);
  const signedIn = Boolean(session && !session.error);
  const [discover, forYou] = await Promise.all([
    loadDiscover(signedIn),
    signedIn ? loadForYou() : Promise.resolve(null),
  ]);
  const name = session && !session.error ? session.user.displayName : undefined;
  return (
    <>
      <section className="hero hero--compact" aria-labelledby="home-title">
        <div className="equalizer" aria-hidden="true">
          <span />
          <span />
          <span />
          <span />
          <span />
        </div>
        <h1 id="home-title">{name ? `Welcome back, ${name}.` : 'Music that moves with you.'}</h1>
        <p>Search the whole catalogue from the box at the top, or press play on what’s hot.</p>
        {name ? null : (
          <div className="form-actions">
            <Link href="/signup" className="button button--primary">
              Create a free account
            </Link>
            <Link href="/signin" className="button button--ghost">
              Sign in
            </Link>
          </div>
        )}
      </section>

      {forYou ? (
        <section aria-labelledby="for-you-title" className="media-section home-row">
          <h2 id="for-you-title" className="section-title">
            For you
          </h2>
          <ForYouShelf songs={forYou} />
        </section>
      ) : null}

      {discover ? (
        <>
          <section aria-labelledby="trending-title" className="media-section home-row">
            <h2 id="trending-title" className="section-title">
              Trending
            </h2>
            <SongCardRow songs={discover.trending} label="Trending songs" />
          </section>
          <section aria-labelledby="new-releases-title" className="media-section home-row">
            <h2 id="new-releases-title" className="section-title">
              New releases
            </h2>
            <SongCardRow songs={discover.newReleases} label="New releases" />
          </section>
        </>
      ) : (
        <section className="card status-panel home-unavailable" role="status">
          <h2 className="section-title">Trending and new releases are taking a break</h2>
          <p>We couldn’t load them right now. You can still search, or try again in a moment.</p>
          <Link href="/" className="button button--ghost" prefetch={false}>
            Try again
          </Link>
        </section>
      )}
    </>
  );
}
