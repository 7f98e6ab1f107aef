import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class RequestSongUploadInput {
  @Field({ description: '1-200 characters.' })
  title!: string;

  @Field({
    description:
      'Who performs it (1-200 characters); the artist is created on first use of a name.',
  })
  artistName!: string;

  @Field(() => ID, { nullable: true, description: 'One of your albums.' })
  albumId?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 50 characters.' })
  genre?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'At most 20, each 1-40 characters; stored lower-case.',
  })
  tags?: string[] | null;

  @Field({
    description:
      "The file's name; its extension must be an audio one (mp3, m4a, aac, flac, wav, ogg, opus).",
  })
  fileName!: string;

  @Field({
    description: "The file's MIME type, matching its extension (e.g. audio/mpeg for .mp3).",
  })
  contentType!: string;

  @Field(() => Int, {
    description: "The file's size in bytes; the upload URL refuses anything larger.",
  })
  sizeBytes!: number;
}
