import { PageInfo } from '@groovy/common/graphql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PlaylistItemRecord, PlaylistRecord } from './playlist.model';

export enum Visibility {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
}

registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'Who sees a playlist.',
  valuesConfig: {
    PUBLIC: {
      description: 'Everyone: listed on the owner’s profile, findable by name, shareable by link.',
    },
    PRIVATE: { description: 'Only its owner and its collaborators; NOT_FOUND for everyone else.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A playlist: an ordered list of songs (the same song may be in it more than once). A PRIVATE one exists only for its owner and collaborators.',
})
export class Playlist {
  @Field(() => ID)
  id!: string;

  @Field({ description: '1–100 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Up to 1,000 characters.' })
  description!: string | null;

  @Field(() => Visibility)
  visibility!: Visibility;

  @Field({
    description: 'When true, the collaborators the owner invited may add, remove and move songs.',
  })
  collaborative!: boolean;

  @Field(() => Int, { description: 'How many items it holds (at most 10,000).' })
  itemCount!: number;

  @Field()
  createdAt!: Date;

  @Field({ description: 'The last change of its details, collaborators or items.' })
  updatedAt!: Date;

  /** Not a GraphQL field: the stored playlist, for field resolvers. */
  record!: PlaylistRecord;
}

export function toPlaylist(record: PlaylistRecord): Playlist {
  return {
    id: record._id.toHexString(),
    name: record.name,
    description: record.description ?? null,
    visibility: record.visibility as Visibility,
    collaborative: record.collaborative,
    itemCount: record.itemCount,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    record,
  };
}

@ObjectType({ description: 'One entry of a playlist, with its own id.' })
export class PlaylistItem {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Its place in the playlist, from 0.' })
  position!: number;

  @Field()
  addedAt!: Date;

  /** Not a GraphQL field. */
  record!: PlaylistItemRecord;
}

export function toPlaylistItem(record: PlaylistItemRecord, position: number): PlaylistItem {
  return { id: record._id.toHexString(), position, addedAt: record.addedAt, record };
}

@ObjectType()
export class PlaylistItemEdge {
  @Field({ description: 'Opaque; the place after this item, valid while items move.' })
  cursor!: string;

  @Field(() => PlaylistItem)
  node!: PlaylistItem;
}

@ObjectType({ description: 'A page of a playlist’s items, in playlist order.' })
export class PlaylistItemConnection {
  @Field(() => [PlaylistItemEdge])
  edges!: PlaylistItemEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many items there are in all pages together.' })
  totalCount!: number;
}

@ObjectType()
export class PlaylistEdge {
  @Field()
  cursor!: string;

  @Field(() => Playlist)
  node!: Playlist;
}

@ObjectType({ description: 'A page of playlists, newest first.' })
export class PlaylistConnection {
  @Field(() => [PlaylistEdge])
  edges!: PlaylistEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
