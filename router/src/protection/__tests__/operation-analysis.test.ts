import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import type { ListSizes } from '../list-sizes';
import { checkOperation, measureOperation, type OperationLimits } from '../operation-analysis';

const schema = buildSchema(`
  type Query { song(id: ID!): Song  songs(first: Int, last: Int): [Song!]!  artist(id: ID!): Artist  tags: [String!]! }
  type Song { id: ID!  title: String!  artist: Artist!  related: [Song!]! }
  type Artist { id: ID!  name: String!  songs(first: Int, after: String): SongConnection! }
  type SongConnection { edges: [SongEdge!]!  totalCount: Int! }
  type SongEdge { cursor: String!  node: Song! }
`);

const LIMITS: OperationLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxRootFields: 20,
  maxCost: 5_000,
  defaultListSize: 10,
};

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return measureOperation(
    schema,
    document,
    getOperationAST(document)!,
    variables,
    LIMITS.defaultListSize,
  );
}

function check(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  return checkOperation(schema, document, getOperationAST(document)!, variables, LIMITS);
}

describe('measureOperation', () => {
  it('measures depth as nested field levels, through fragments and inline fragments', () => {
    expect(measure('{ tags }')).toMatchObject({ depth: 1, rootFields: 1 });
    expect(measure('{ song(id: 1) { artist { name } } }')).toMatchObject({ depth: 3 });
    expect(
      measure(
        '{ song(id: 1) { ...S } } fragment S on Song { ... on Song { artist { songs { edges { node { id } } } } } }',
      ),
    ).toMatchObject({
      depth: 6,
    });
  });

  it('counts aliases in the expanded operation', () => {
    expect(measure('{ a: tags b: tags song(id: 1) { t: title } }')).toMatchObject({
      aliases: 3,
      rootFields: 3,
    });
    expect(
      measure(
        '{ x: song(id: 1) { ...F } y: song(id: 2) { ...F } } fragment F on Song { a: id b: title }',
      ),
    ).toMatchObject({
      aliases: 6,
    });
  });

  it('multiplies list selections by first/last (literal or variable), else by the default list size', () => {
    // songs: 1 + 3 × (id 1 + title 1) = 7
    expect(measure('{ songs(first: 3) { id title } }')).toMatchObject({ cost: 7 });
    expect(measure('query($n: Int) { songs(last: $n) { id } }', { n: 4 })).toMatchObject({
      cost: 5,
    });
    // No argument: the default list size (10) → 1 + 10 × 1
    expect(measure('{ songs { id } }')).toMatchObject({ cost: 11 });
    // Nested lists multiply: 1 + 5 × (1 + 10 × 1)
    expect(measure('{ songs(first: 5) { related { id } } }')).toMatchObject({ cost: 56 });
    // A connection's first counts its edges once: 1 + 1 × (1 + 20 × (1 + 1 × (1 + 1 + 1)))
    expect(
      measure('{ artist(id: 1) { songs(first: 20) { edges { node { id title } } } } }'),
    ).toMatchObject({ cost: 82 });
  });

  it('reports a fragment cycle instead of recursing forever', () => {
    expect(measure('{ song(id: 1) { ...A } } fragment A on Song { related { ...A } }')).toEqual({
      kind: 'cycle',
      fragment: 'A',
    });
    expect(
      measure(
        '{ song(id: 1) { ...A } } fragment A on Song { artist { ...B } } fragment B on Artist { songs { edges { node { ...A } } } }',
      ),
    ).toEqual({
      kind: 'cycle',
      fragment: 'A',
    });
    expect(measure('{ song(id: 1) { ...Missing } }')).toEqual({
      kind: 'unknownFragment',
      fragment: 'Missing',
    });
  });

  it('counts fan-out fragments in full, in time linear in the document', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, level) => `fragment F${level} on Song { ...F${level + 1} ...F${level + 1} }`,
    );
    fragments.push(`fragment F${levels} on Song { a: id }`);
    const started = Date.now();
    const result = measure(`{ song(id: 1) { ...F0 } } ${fragments.join(' ')}`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ aliases: 2 ** levels, cost: 1 + 2 ** levels, depth: 2 });
  });

  it('lets the standard introspection query through the default limits', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(check(query)).toBeNull();
    expect(measure(query)).toMatchObject({ depth: 15 });
  });
});

describe('checkOperation', () => {
  it('names the first limit broken', () => {
    expect(check('{ songs(first: 5) { id } }')).toBeNull();
    // Depth is checked before cost: this chain of lists would also be far too expensive.
    let deep = 'id';
    for (let level = 0; level < 16; level += 1) deep = `related { ${deep} }`;
    expect(check(`{ song(id: 1) { ${deep} } }`)).toEqual({ kind: 'depth', value: 18, limit: 15 });
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: tags`).join(' ');
    expect(check(`{ ${aliases} }`)).toEqual({ kind: 'aliases', value: 31, limit: 30 });
    const roots = Array.from({ length: 21 }, (_, index) => `r${index}: tags`).join(' ');
    expect(check(`{ ${roots} }`)).toEqual({ kind: 'rootFields', value: 21, limit: 20 });
    expect(check('{ songs(first: 100) { related { related { id } } } }')).toMatchObject({
      kind: 'cost',
      limit: 5_000,
    });
  });
});

describe('per-field list sizes and alternatives (issue 13, finding 15)', () => {
  const accounts = buildSchema(`
    union Account = Person | Organization
    type Query { accounts(first: Int): [Account!]!  people: [Person!]! }
    type Person { id: ID!  name: String!  similarAccounts(first: Int): [Account!]!  tags: [String!]! }
    type Organization { id: ID!  title: String!  members: [Person!]!  similarAccounts(first: Int): [Account!]! }
    type Mutation { register(name: String!): Person! }
  `);
  const listSizes: ListSizes = {
    'Query.accounts': { assumed: 5, max: 20 },
    'Person.similarAccounts': { assumed: 3, max: 10 },
    'Organization.similarAccounts': { assumed: 3, max: 10 },
    'Organization.members': { assumed: 4 },
  };
  const measureAccounts = (query: string, sizes: ListSizes = listSizes) => {
    const document = parse(query);
    return measureOperation(accounts, document, getOperationAST(document)!, undefined, {
      defaultListSize: 10,
      listSizes: sizes,
    });
  };
  const branch = (inner: string) =>
    `... on Person { id name ${inner} } ... on Organization { id title members { id } ${inner} }`;
  // accounts → similarAccounts → similarAccounts, fragments on both types at every level.
  const thirdParty = `{ accounts { ${branch(`similarAccounts { ${branch(`similarAccounts { ${branch('')} }`)} }`)} } }`;

  it('counts fragments on different types of one field as alternatives: the dearer one', () => {
    // Person 2 (id name); Organization 3 + 10 × 1 (members) = 13: the dearer → 1 + 10 × 13.
    expect(measureAccounts(`{ accounts { ${branch('')} } }`, {})).toMatchObject({ cost: 131 });
  });

  it('uses declared sizes, and caps first/last at the field’s maximum', () => {
    // accounts assumed 5, members assumed 4: 1 + 5 × (3 + 4 × 1) = 36
    expect(measureAccounts(`{ accounts { ${branch('')} } }`)).toMatchObject({ cost: 36 });
    // first: 1000 costs the field's maximum, 20: 1 + 20 × 7
    expect(measureAccounts(`{ accounts(first: 1000) { ${branch('')} } }`)).toMatchObject({
      cost: 141,
    });
    // A list without a declared size or first/last: the default size (10).
    expect(measureAccounts('{ people { id } }')).toMatchObject({ cost: 11 });
  });

  it('accepts the third-party accounts → similarAccounts → similarAccounts query the old model refused', () => {
    const limits = { ...LIMITS, listSizes };
    const document = parse(thirdParty);
    expect(
      checkOperation(accounts, document, getOperationAST(document)!, undefined, limits),
    ).toBeNull();
    // With every list assumed 10 items, it costs far over the limit.
    expect((measureAccounts(thirdParty, {}) as { cost: number }).cost).toBeGreaterThan(5_000);
    const measured = measureAccounts(thirdParty);
    expect(measured).toMatchObject({ cost: expect.any(Number) });
    expect((measured as { cost: number }).cost).toBeLessThan(1_000);
  });
});

describe('measuring without a schema (before validation)', () => {
  const measureBare = (query: string) => {
    const document = parse(query);
    return measureOperation(undefined, document, getOperationAST(document)!, undefined, 1);
  };

  it('counts fields with fragments expanded, and the most repeated response name of a selection set', () => {
    expect(measureBare('{ a b { c c } ...F } fragment F on Query { a d }')).toMatchObject({
      fields: 6,
      repeatedField: 2,
      rootFields: 4,
      depth: 2,
    });
    // A fragment spread twice in one selection set is merged once (as graphql-js compares it).
    expect(measureBare('{ ...F ...F } fragment F on Query { a }')).toMatchObject({
      fields: 2,
      repeatedField: 1,
    });
    expect(measureBare(`{ ${'songs { id } '.repeat(540)}}`)).toMatchObject({
      fields: 1_080,
      repeatedField: 540,
    });
  });

  it('counts the root fields of a mutation, aliases included', () => {
    expect(
      measureBare('mutation { a: register(name: "a") { id } b: register(name: "b") { id } }'),
    ).toMatchObject({ mutationFields: 2 });
    expect(measureBare('{ a: tags b: tags }')).toMatchObject({ mutationFields: 0 });
  });
});
