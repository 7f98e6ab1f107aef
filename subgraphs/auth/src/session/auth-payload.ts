import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user';

@ObjectType({
  description: 'A new session: a short-lived access token and a rotating refresh token.',
})
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`; valid for 15 minutes.' })
  accessToken!: string;

  @Field({ description: 'Opaque; exchange with refreshSession. Each use returns a new one.' })
  refreshToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field(() => User)
  user!: User;
}
