import { DateResolver } from 'graphql-scalars';
import { CATALOGUE_MAX_AGE_SECONDS, CacheMaxAge } from '@groovy/common/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { AlbumRecord } from './album.model';

@Directive('@key(fields: "id")')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType({
  description: 'An album: a titled set of songs by one artist, owned by the user who created it.',
})
export class Album {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  title!: string;

  @Directive('@shareable')
  @Field(() => DateResolver, {
    nullable: true,
    description: 'Calendar date of release (YYYY-MM-DD).',
  })
  releaseDate!: Date | null;

  @Directive('@shareable')
  @Field(() => String, { nullable: true })
  coverUrl!: string | null;

  /** The stored document, for field resolvers (artist, songs). */
  record!: AlbumRecord;
}

export function toAlbum(record: AlbumRecord): Album {
  return {
    id: record._id.toHexString(),
    title: record.title,
    releaseDate: record.releaseDate ?? null,
    coverUrl: record.coverUrl ?? null,
    record,
  };
}
