import { DateResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateAlbumInput {
  @Field({ description: '1-200 characters.' })
  title!: string;

  @Field({ description: "The album's artist (1-200 characters); created on first use of a name." })
  artistName!: string;

  @Field(() => DateResolver, { nullable: true })
  releaseDate?: Date | null;

  @Field(() => String, { nullable: true, description: 'An http(s) URL of the cover image.' })
  coverUrl?: string | null;
}

@InputType({
  description: 'Omitted fields are left as they are; null removes releaseDate or coverUrl.',
})
export class UpdateAlbumInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  artistName?: string | null;

  @Field(() => DateResolver, { nullable: true })
  releaseDate?: Date | null;

  @Field(() => String, { nullable: true })
  coverUrl?: string | null;
}
