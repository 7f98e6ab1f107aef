import { Directive, Field, ObjectType } from 'type-graphql';
import { CacheInherit } from './cache-control';

/**
 * The Relay `PageInfo` every subgraph's connections share (API.md: `pageInfo { hasNextPage
 * endCursor }`). One class, `@shareable`, so each subgraph that pages a list declares the same type.
 */
@Directive('@shareable')
@CacheInherit()
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}
