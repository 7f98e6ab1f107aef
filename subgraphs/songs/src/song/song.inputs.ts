import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Omitted fields are left as they are.' })
export class UpdateSongInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  artistName?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'One of your albums; null takes the song out of its album.',
  })
  albumId?: string | null;

  @Field(() => String, { nullable: true, description: 'Empty string or null removes it.' })
  genre?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Replaces every tag; null or [] removes them.',
  })
  tags?: string[] | null;
}
