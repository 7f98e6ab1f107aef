import { FieldResolver, Resolver, Root } from 'type-graphql';
import { SongEntity, songEntity, UserEntity, userEntity } from '../catalogue/entities';
import { PlaylistItem } from './playlist';

@Resolver(() => PlaylistItem)
export class PlaylistItemResolver {
  @FieldResolver(() => SongEntity)
  song(@Root() item: PlaylistItem): SongEntity {
    return songEntity(item.record.songId);
  }

  @FieldResolver(() => UserEntity, { description: 'Who added it (the owner or a collaborator).' })
  addedBy(@Root() item: PlaylistItem): UserEntity {
    return userEntity(item.record.addedBy);
  }
}
