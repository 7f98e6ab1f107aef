import type { Express } from 'express';
import type { AccessTokenSigner } from './access-token-signer';

/** `GET /.well-known/jwks.json`: the public key the router verifies access tokens with. */
export function mountJwksRoute(app: Express, signer: AccessTokenSigner): void {
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(signer.jwks());
  });
}
