// The GraphiQL explorer served at GET /graphql (accept: text/html). Bundled with esbuild at build time
// (scripts/build-explorer.mjs) into dist/explorer-assets/: no CDN, nothing fetched at run time.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('graphiql');
if (container) {
  const endpoint = container.dataset.endpoint ?? '/graphql';
  const fetcher = createGraphiQLFetcher({
    url: new URL(endpoint, window.location.href).toString(),
  });
  createRoot(container).render(
    createElement(GraphiQL, {
      fetcher,
      defaultHeaders: '{\n  "x-api-key": ""\n}',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
}
