import { AuthTestServer, REGISTER } from './auth-test-server';

// Zero-width and text-direction characters make lookalike names; they are refused at every text boundary.
describe('auth: lookalike names', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start();
  });
  afterAll(() => server?.stop());

  it('refuses a display name with invisible characters at sign-up and in the profile', async () => {
    const registered = await server.execute(REGISTER, {
      input: {
        email: 'probe@example.com',
        password: 'a long enough passphrase',
        displayName: 'Secprobe\u200BArtist',
      },
    });
    expect(registered.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'displayName',
    });

    const { user } = await server.register('profile@example.com', undefined, 'Cafe\u0301  Owner ');
    expect(user.displayName).toBe('Caf\u00e9 Owner');
    const as = { kind: 'user' as const, userId: user.id };
    const renamed = await server.execute(
      'mutation R($name: String!) { updateProfile(input: { displayName: $name }) { displayName } }',
      { name: 'admin\u202Enimda' },
      { as },
    );
    expect(renamed.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'displayName',
    });
  });

  it('refuses an API key name with invisible characters', async () => {
    const { user } = await server.register('keys@example.com');
    const as = { kind: 'user' as const, userId: user.id };
    const created = await server.execute(
      'mutation C($name: String!) { createApiKey(name: $name) { apiKey { name } } }',
      { name: 'ci\u2066 key' },
      { as },
    );
    expect(created.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
    const fine = await server.execute(
      'mutation C($name: String!) { createApiKey(name: $name) { apiKey { name } } }',
      { name: '  CI   key 🔑 ' },
      { as },
    );
    expect(fine.data).toEqual({ createApiKey: { apiKey: { name: 'CI key 🔑' } } });
  });
});
