/**
 * Hive Gateway (`@graphql-hive/gateway-runtime`, the router bench's peer) as its own process, for
 * the search figures: the same supergraph as our router with the bench stack's subgraph URLs
 * (HIVE_SUBGRAPH_URLS, JSON name → URL), forwarding an anonymous identity signed once up front
 * (our router signs one per caller and reuses it). Prints `{"msg":"listening","url":…}`.
 *
 * Its subgraph transport is given here: the runtime loads `@graphql-mesh/transport-http` for
 * `kind: http` subgraphs, a package that is not installed (every request failed with "Cannot find
 * module '@graphql-mesh/transport-http'", masked as "Unexpected error."). That package is an HTTP
 * executor from `@graphql-tools/executor-http` (installed with the runtime) plus header templating
 * this bench does not need, so the bench builds the same executor itself.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { IDENTITY_HEADER, signIdentityToken } from '@groovy/common/identity';

async function main(): Promise<void> {
  const supergraphPath = process.env.HIVE_SUPERGRAPH_PATH;
  const secret = process.env.IDENTITY_TOKEN_SECRET;
  const urls = JSON.parse(process.env.HIVE_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
  if (!supergraphPath || !secret)
    throw new Error('HIVE_SUPERGRAPH_PATH and IDENTITY_TOKEN_SECRET are required');
  let supergraph = fs.readFileSync(supergraphPath, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    supergraph = supergraph.replace(
      new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`),
      `$1${url}$2`,
    );
  }
  const identity = await signIdentityToken(null, secret, 24 * 3_600, '127.0.0.1');
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch }) =>
          buildHTTPExecutor({
            endpoint: transportEntry.location,
            headers: { [IDENTITY_HEADER]: identity },
            ...(fetch ? { fetch } : {}),
          }),
      },
    },
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url })}\n`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => {
      void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`hive gateway: ${String(error)}\n`);
  process.exit(1);
});
