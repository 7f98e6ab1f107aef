import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { query } from '@/apollo/server-client';
import { loadEntity } from '@/apollo/load-entity';
import { isSignedIn } from '@/auth/signed-in';
import { Conversation } from '@/comments/Conversation';
import { CommentFeedProvider } from '@/comments/CommentFeedProvider';
import { CoverArt } from '@/components/CoverArt';
import { FormAlert } from '@/components/FormAlert';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { formatDate } from '@/format/dates';
import { formatDuration, spokenDuration } from '@/format/durations';
import { trackFromSong } from '@/player/track';
import { AddToPlaylistMenu } from '@/playlists/AddToPlaylistMenu';
import { LikeButton } from '@/preferences/LikeButton';
import { SongStatusBadge } from '@/songs/SongStatusBadge';
import { SONG_QUERY, type SongPageSong } from './song.query';
import { SongPlayback } from './SongPlayback';
import { SongStatusWatcher } from './SongStatusWatcher';

type Props = { params: Promise<{ id: string }> };

// One router call per request, shared by generateMetadata and the page. Anonymous visitors do not
// ask for their own heart (a private field: the answer stays cacheable).
const loadSong = cache((id: string) =>
  loadEntity('song', async () => {
    const variables = { id, signedIn: await isSignedIn() };
    return (await query({ query: SONG_QUERY, variables })).data?.song;
  }),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await loadSong((await params).id);
  if (loaded.kind !== 'ok') return { title: 'Song' };
  return { title: `${loaded.value.title} · ${loaded.value.artist.name}` };
}

function NotReady({ song }: { song: SongPageSong }) {
  if (song.status === 'FAILED') {
    return (
      <FormAlert>
        <p>
          <strong>This song could not be processed.</strong>{' '}
          {song.failureReason ?? 'The file could not be read as audio.'}
        </p>
      </FormAlert>
    );
  }
  return (
    <div className="processing-panel" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <p>
        {song.status === 'PENDING_UPLOAD'
          ? 'Waiting for the file to finish uploading.'
          : 'Getting this song ready to stream. This usually takes less than a minute.'}{' '}
        This page updates by itself.
      </p>
      <SongStatusWatcher id={song.id} status={song.status} />
    </div>
  );
}

export default async function SongPage({ params }: Props) {
  const { id } = await params;
  const loaded = await loadSong(id);
  if (loaded.kind === 'not-found') notFound();
  if (loaded.kind === 'unavailable') return <ServiceUnavailable retryHref={`/songs/${id}`} />;
  const song = loaded.value;
  const track = trackFromSong(song);
  const cover = song.coverUrl ?? song.album?.coverUrl ?? null;
  return (
    // One comment feed for the waveform's markers and the conversation below.
    <CommentFeedProvider>
      <article className="song-page" aria-labelledby="song-title">
        <header className="media-header">
          <CoverArt src={cover} alt={`Cover of ${song.title}`} />
          <div className="media-header__text">
            <p className="eyebrow">Song</p>
            <h1 id="song-title">{song.title}</h1>
            <p className="media-header__meta">
              <Link href={`/artists/${song.artist.id}`} className="media-header__artist">
                {song.artist.name}
              </Link>
              {song.album ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <Link href={`/albums/${song.album.id}`}>{song.album.title}</Link>
                </>
              ) : null}
              {song.durationMs !== null ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <span>
                    <span aria-hidden="true">{formatDuration(song.durationMs)}</span>
                    <span className="visually-hidden">, {spokenDuration(song.durationMs)}</span>
                  </span>
                </>
              ) : null}
            </p>
            {song.genre || song.tags.length > 0 ? (
              <ul className="chips" aria-label="Genre and tags">
                {song.genre ? <li className="chip chip--genre">{song.genre}</li> : null}
                {song.tags.map((tag) => (
                  <li key={tag} className="chip">
                    #{tag}
                  </li>
                ))}
              </ul>
            ) : null}
            {song.status !== 'READY' ? <SongStatusBadge status={song.status} /> : null}
            {song.status === 'READY' ? (
              <div className="song-actions">
                <LikeButton songId={song.id} title={song.title} initial={song} showCount />
                <AddToPlaylistMenu songId={song.id} title={song.title} />
                <span className="play-count">
                  {song.playCount} play{song.playCount === 1 ? '' : 's'}
                </span>
              </div>
            ) : null}
          </div>
        </header>

        {track ? <SongPlayback track={track} peaks={song.waveform} /> : <NotReady song={song} />}

        <dl className="song-facts">
          <div>
            <dt>Uploaded by</dt>
            <dd>{song.uploader.displayName}</dd>
          </div>
          <div>
            <dt>Added</dt>
            <dd>
              <time dateTime={song.createdAt}>{formatDate(song.createdAt)}</time>
            </dd>
          </div>
          {song.stream && song.stream.renditions.length > 0 ? (
            <div>
              <dt>Quality</dt>
              <dd>
                {[...song.stream.renditions]
                  .sort((a, b) => a.bitrateKbps - b.bitrateKbps)
                  .map((r) => `${r.bitrateKbps} kbps`)
                  .join(' · ')}{' '}
                AAC
              </dd>
            </div>
          ) : null}
        </dl>

        {track ? (
          <Conversation
            targetType="SONG"
            targetId={song.id}
            ownerId={song.uploader.id}
            track={track}
          />
        ) : null}
      </article>
    </CommentFeedProvider>
  );
}
