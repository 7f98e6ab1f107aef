import { Field, ObjectType } from 'type-graphql';
import { Song } from '../song/song';

@ObjectType({ description: 'A header to send with the upload request.' })
export class HttpHeader {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({
  description:
    "Where and how to upload a song's file: send `method` to `uploadUrl` with every header.",
})
export class SongUpload {
  @Field(() => Song, { description: 'The new song, PENDING_UPLOAD until the file arrives.' })
  song!: Song;

  @Field()
  uploadUrl!: string;

  @Field({ description: 'Always PUT.' })
  method!: string;

  @Field(() => [HttpHeader])
  headers!: HttpHeader[];

  @Field({ description: 'The URL stops working at this time.' })
  expiresAt!: Date;
}
