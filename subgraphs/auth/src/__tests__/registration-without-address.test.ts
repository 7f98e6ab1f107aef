import { IDENTITY_HEADER, signIdentityToken } from '@groovy/common/identity';
import type { RegistrationCountModel } from '../registration-throttle/registration-count.model';
import {
  NO_CLIENT_ADDRESS_MESSAGE,
  RegistrationThrottle,
} from '../registration-throttle/registration-throttle';
import { AuthTestServer, REGISTER } from './auth-test-server';

const input = (email: string) => ({
  input: { email, password: 'a long enough passphrase', displayName: 'Listener' },
});

describe('auth: registrations without a router-signed client address', () => {
  describe('in production', () => {
    let server: AuthTestServer;
    beforeAll(async () => {
      server = await AuthTestServer.start({ NODE_ENV: 'production' });
    });
    afterAll(() => server?.stop());

    it('refuses a registration without a client address with FORBIDDEN, and creates no account', async () => {
      // A router-signed (anonymous) identity that carries no client address.
      const identity = await signIdentityToken(null, server.env.IDENTITY_TOKEN_SECRET);
      const refused = await server.execute(REGISTER, input('no-address@example.com'), {
        headers: { [IDENTITY_HEADER]: identity },
      });
      expect(refused.data?.register).toBeFalsy();
      expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(refused.errors![0]!.message).toBe(NO_CLIENT_ADDRESS_MESSAGE);
      expect(refused.errors![0]!.message).toMatch(/must come through the router/);
      expect(await server.subgraph.connection.collection('users').countDocuments()).toBe(0);
    });

    it('still registers a client the router signed an address for', async () => {
      const ok = await server.execute(REGISTER, input('with-address@example.com'), {
        clientAddress: '203.0.113.40',
      });
      expect(ok.errors).toBeUndefined();
    });
  });

  it('outside production lets a registration without an address through, uncounted', async () => {
    const counts = {
      findOneAndUpdate: () => {
        throw new Error('nothing should be counted without an address');
      },
    } as unknown as RegistrationCountModel;
    const throttle = new RegistrationThrottle(counts, {
      maxPerAddress: 1,
      windowSeconds: 60,
      requireClientAddress: false,
    });
    await expect(throttle.count(null)).resolves.toBeUndefined();
  });
});
