import { PreferencesTestServer, newId } from './preferences-test-server';

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(() => server.stop());

describe('Query.library', () => {
  it('is null when signed out', async () => {
    const result = await server.execute('{ library { unreadNotificationCount } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ library: null });
  });

  it("is the caller's own library when signed in", async () => {
    const data = await server.ok('{ library { unreadNotificationCount } }', {}, newId('user'));
    expect(data).toEqual({ library: { unreadNotificationCount: 0 } });
  });
});
