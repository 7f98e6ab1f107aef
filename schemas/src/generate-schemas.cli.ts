// `npm run schemas`: regenerates schemas/<subgraph>.graphql and schemas/supergraph.graphql.
import { CompositionError, writeSchemaFiles } from './generate-schemas';

writeSchemaFiles().then(
  (written) => {
    for (const name of written) console.log(`wrote schemas/${name}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof CompositionError ? error.message : error);
    process.exit(1);
  },
);
