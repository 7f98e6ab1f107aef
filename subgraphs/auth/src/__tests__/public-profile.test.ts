import { AuthTestServer } from './auth-test-server';

const USER = 'query User($id: ID!) { user(id: $id) { id displayName avatarUrl createdAt } }';

interface PublicProfile {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: string;
}

describe('auth: Query.user, the public profile of anyone', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start();
  });
  afterAll(() => server?.stop());

  it('answers anyone, signed in or not, with the public fields of the profile only', async () => {
    const { user } = await server.register('public.person@example.com', undefined, 'Public Person');
    await server.execute(
      'mutation { updateProfile(input: { avatarUrl: "https://images.example.com/me.png" }) { id } }',
      {},
      { as: { kind: 'user', userId: user.id } },
    );
    const other = await server.register('someone.else@example.com', undefined, 'Someone Else');

    for (const as of [undefined, { kind: 'user' as const, userId: other.user.id }]) {
      const result = await server.execute<{ user: PublicProfile }>(USER, { id: user.id }, { as });
      expect(result.errors).toBeUndefined();
      expect(result.data!.user).toEqual({
        id: user.id,
        displayName: 'Public Person',
        avatarUrl: 'https://images.example.com/me.png',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      // Nothing private travels with it, whatever the selection.
      expect(JSON.stringify(result)).not.toContain('public.person@example.com');
    }
  });

  it('has no private field to ask for: email, roles and password are not part of User', async () => {
    const { user } = await server.register('private.bits@example.com');
    for (const field of ['email', 'roles', 'passwordHash', 'googleSubject']) {
      const result = await server.execute(`query($id: ID!) { user(id: $id) { id ${field} } }`, {
        id: user.id,
      });
      expect(result.data).toBeUndefined();
      expect(result.errors![0]!.extensions!['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('is null for an id nobody has, in any case of its hex digits', async () => {
    const unknown = await server.execute<{ user: null }>(USER, { id: 'ABCDEF0123456789abcdef01' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ user: null });
  });

  it('finds a user by an id written in capitals, like song(id) does', async () => {
    const { user } = await server.register('capitals@example.com', undefined, 'Capitals');
    const result = await server.execute<{ user: PublicProfile }>(USER, {
      id: user.id.toUpperCase(),
    });
    expect(result.data!.user.id).toBe(user.id);
  });

  it.each(['not-an-id', '', '0123456789abcdef0123456', '0123456789abcdef0123456789'])(
    'refuses the malformed id %j with BAD_USER_INPUT on id',
    async (id) => {
      const result = await server.execute(USER, { id });
      expect(result.data).toEqual({ user: null });
      expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    },
  );
});
