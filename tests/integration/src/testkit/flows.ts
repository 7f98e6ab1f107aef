import { randomBytes } from 'node:crypto';
import type { Stack } from './stack';

export interface Session {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: { id: string; displayName: string };
}

const SESSION = 'accessToken refreshToken accessTokenExpiresAt user { id displayName }';
export const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`;
export const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${SESSION} } }`;
export const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${SESSION} } }`;
export const ME =
  'query Me { me { email user { id displayName } apiKeys { id name prefix lastUsedAt } } }';
export const CREATE_API_KEY =
  'mutation CreateKey($name: String!) { createApiKey(name: $name) { secret apiKey { id prefix } } }';
export const LOGOUT = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';
export const REVOKE_API_KEY = 'mutation RevokeKey($id: ID!) { revokeApiKey(id: $id) }';

/** A new listener with a unique email; returns their credentials and first session. */
export async function registerListener(stack: Stack, displayName = 'Test Listener') {
  const email = `listener-${randomBytes(4).toString('hex')}@example.com`;
  const password = `passphrase ${randomBytes(6).toString('hex')}`;
  const result = await stack.execute<{ register: Session }>(REGISTER, {
    input: { email, password, displayName },
  });
  if (!result.data?.register) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  return { email, password, session: result.data.register };
}
