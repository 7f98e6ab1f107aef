import { CATALOGUE_MAX_AGE_SECONDS, CacheInherit, CacheMaxAge } from '@groovy/common/graphql';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SongRecord } from './song.model';

export enum SongStatus {
  PENDING_UPLOAD = 'PENDING_UPLOAD',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}

registerEnumType(SongStatus, {
  name: 'SongStatus',
  description:
    'Where a song is in its life: PENDING_UPLOAD → PROCESSING → READY, or FAILED with a reason.',
  valuesConfig: {
    PENDING_UPLOAD: { description: 'Waiting for the file to be PUT to the upload URL.' },
    PROCESSING: { description: 'The worker is turning the file into HLS.' },
    READY: { description: 'Playable by everyone.' },
    FAILED: { description: 'Could not be processed; see failureReason.' },
  },
});

@CacheInherit()
@ObjectType({ description: 'One HLS rendition (bitrate) of a song.' })
export class Rendition {
  @Field(() => Int)
  bitrateKbps!: number;

  @Field({ description: 'RFC 6381 codec string, e.g. mp4a.40.2 (AAC-LC).' })
  codec!: string;

  @Field({ description: "URL of the rendition's media playlist." })
  url!: string;
}

@CacheInherit()
@ObjectType({ description: 'How to play a song: the HLS master playlist and its renditions.' })
export class SongStream {
  @Directive('@shareable')
  @Field({ description: 'URL of the HLS master playlist.' })
  masterUrl!: string;

  @Field(() => [Rendition])
  renditions!: Rendition[];
}

/**
 * `@shareable` fields (here and on `artist`/`album`/`stream`/`coverUrl` in song.resolver.ts, and
 * `SongStream.masterUrl`) are also resolved by the
 * query subgraph from its read model, for the songs its search and lists return: change what they
 * mean here and the events that feed query must change with them (subgraphs/query/README.md).
 */
@Directive('@key(fields: "id")')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType({ description: 'A song. Only READY songs are visible to anyone but their uploader.' })
export class Song {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  genre!: string | null;

  @Field(() => [String], { description: 'Lower-case tags, at most 20.' })
  tags!: string[];

  @Directive('@shareable')
  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Directive('@shareable')
  @Field(() => SongStatus)
  status!: SongStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why processing failed, in words a person can act on.',
  })
  failureReason!: string | null;

  @Directive('@shareable')
  @Field(() => Float, { nullable: true, description: 'Integrated loudness (EBU R128), in LUFS.' })
  loudnessLufs!: number | null;

  @Field()
  createdAt!: Date;

  /** The stored document, for field resolvers (artist, album, uploader, stream, coverUrl). */
  record!: SongRecord;
}

export function toSong(record: SongRecord): Song {
  return {
    id: record._id.toHexString(),
    title: record.title,
    genre: record.genre ?? null,
    tags: record.tags ?? [],
    durationMs: record.durationMs ?? null,
    status: record.status as SongStatus,
    failureReason: record.failureReason ?? null,
    loudnessLufs: record.loudnessLufs ?? null,
    createdAt: record.createdAt,
    record,
  };
}
