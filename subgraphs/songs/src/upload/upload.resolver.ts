import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { toSong } from '../song/song';
import { requireUserId } from '@groovy/common/subgraph';
import type { SongsContext } from '../songs-context';
import { SongUpload } from './song-upload';
import { RequestSongUploadInput } from './upload.inputs';
import type { UploadService } from './upload.service';

@Resolver(() => SongUpload)
export class UploadResolver {
  constructor(private readonly uploads: UploadService) {}

  @Mutation(() => SongUpload, {
    description:
      'Starts an upload: creates the song (PENDING_UPLOAD) and returns a signed URL to PUT the file to.',
  })
  async requestSongUpload(
    @Arg('input') input: RequestSongUploadInput,
    @Ctx() context: SongsContext,
  ): Promise<SongUpload> {
    const userId = requireUserId(context);
    const { song, upload } = await this.uploads.requestSongUpload(userId, input);
    return {
      song: toSong(song),
      uploadUrl: upload.url,
      method: upload.method,
      headers: upload.headers.map((header) => ({ name: header.name, value: header.value })),
      expiresAt: upload.expiresAt,
    };
  }
}
