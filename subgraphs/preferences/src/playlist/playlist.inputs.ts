import { Field, InputType } from 'type-graphql';
import { Visibility } from './playlist';

@InputType()
export class CreatePlaylistInput {
  @Field({ description: '1–100 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Up to 1,000 characters.' })
  description?: string | null;

  @Field(() => Visibility, { nullable: true, description: 'PUBLIC when omitted.' })
  visibility?: Visibility | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether invited collaborators may change its songs; false when omitted.',
  })
  collaborative?: boolean | null;
}

@InputType({ description: 'Omitted (or null) fields are left as they are.' })
export class UpdatePlaylistInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An empty string removes it; null or omitted leaves it.',
  })
  description?: string | null;

  @Field(() => Visibility, { nullable: true })
  visibility?: Visibility | null;

  @Field(() => Boolean, { nullable: true })
  collaborative?: boolean | null;
}
