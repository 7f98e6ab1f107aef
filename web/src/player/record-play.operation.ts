import { graphql } from '@/gql';

/** API.md: a play counts at ≥ 30 s listened, or the whole song when shorter (the server decides). */
export const RECORD_PLAY = graphql(`
  mutation RecordPlay($input: RecordPlayInput!) {
    recordPlay(input: $input)
  }
`);
