import { CATALOGUE_MAX_AGE_SECONDS, CacheMaxAge } from '@groovy/common/graphql';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { ArtistRecord } from './artist.model';

/** A performer, shared by every song and album credited to that name. Created on first use. */
@Directive('@key(fields: "id")')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType({
  description: 'A performer; songs and albums credited to the same name share one artist.',
})
export class Artist {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  name!: string;
}

export function toArtist(record: Pick<ArtistRecord, '_id' | 'name'>): Artist {
  return { id: record._id.toHexString(), name: record.name };
}
