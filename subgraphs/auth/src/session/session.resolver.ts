import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AuthContext } from '../auth-context';
import { toUser } from '../user/user';
import { RegisterInput } from '../user/user.inputs';
import { AuthPayload } from './auth-payload';
import type { Session, SessionService } from './session.service';

function toPayload(session: Session): AuthPayload {
  return {
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    user: toUser(session.user),
  };
}

@Resolver()
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  async register(
    @Arg('input') input: RegisterInput,
    @Ctx() context: AuthContext,
  ): Promise<AuthPayload> {
    // The client address comes only from the router-signed identity, never from a request header.
    return toPayload(await this.sessions.register(input, context.clientAddress));
  }

  @Mutation(() => AuthPayload)
  async login(
    @Arg('email') email: string,
    @Arg('password') password: string,
    @Ctx() context: AuthContext,
  ): Promise<AuthPayload> {
    return toPayload(await this.sessions.login(email, password, context.clientAddress));
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token for a new session; the old token stops working.',
  })
  async refreshSession(@Arg('refreshToken') refreshToken: string): Promise<AuthPayload> {
    return toPayload(await this.sessions.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Ends the session the refresh token belongs to.' })
  async logout(@Arg('refreshToken') refreshToken: string): Promise<boolean> {
    await this.sessions.logout(refreshToken);
    return true;
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in with a Google ID token; links to or creates the account.',
  })
  async signInWithGoogle(@Arg('idToken') idToken: string): Promise<AuthPayload> {
    return toPayload(await this.sessions.signInWithGoogle(idToken));
  }
}
