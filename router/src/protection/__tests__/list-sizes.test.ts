import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, isObjectType } from 'graphql';
import { LIST_SIZES } from '../list-sizes';

/*
 * The cost limit counts a paged field without `first`/`last` as LIST_SIZES says, and as ONE item
 * when the field is not named there (a connection is not a list type). Every paged field of the
 * public schema must therefore be named, or `{ user { uploads { edges { node … } } } }` costs 1
 * while the subgraph serves 20 — a cost limit twenty times too lenient for each such level.
 */

const SUPERGRAPH = path.resolve(__dirname, '../../../../schemas/supergraph.graphql');
const apiSchema = Supergraph.build(fs.readFileSync(SUPERGRAPH, 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

function pagedFields(): string[] {
  const found: string[] = [];
  for (const type of Object.values(apiSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const paged = field.args.some((arg) => arg.name === 'first' || arg.name === 'last');
      if (paged && getNamedType(field.type).name.endsWith('Connection'))
        found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

describe('LIST_SIZES', () => {
  it('names every paged connection field of the public schema', () => {
    const fields = pagedFields();
    expect(fields).toContain('User.uploads');
    expect(fields.filter((field) => !(field in LIST_SIZES))).toEqual([]);
  });

  it('caps User.uploads at what the songs subgraph serves (100)', () => {
    expect(LIST_SIZES['User.uploads']).toEqual({ assumed: 20, max: 100 });
  });
});
