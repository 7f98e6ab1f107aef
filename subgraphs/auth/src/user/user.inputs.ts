import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterInput {
  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field()
  displayName!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, {
    nullable: true,
    description: 'New display name (1-50 characters); omit to keep.',
  })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'https URL of an avatar image; empty string removes it.',
  })
  avatarUrl?: string | null;
}
