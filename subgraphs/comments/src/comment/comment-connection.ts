import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CommentsContext } from '../comments-context';
import { CommentConnection, toComment } from './comment';
import type { CommentPage } from './comment.service';

/** The page as GraphQL shows it to the viewer. */
export function toCommentConnection(
  page: CommentPage,
  viewer: CommentsContext['viewer'],
): CommentConnection {
  const connection = new CommentConnection();
  connection.edges = page.comments.map(({ record, cursor }) => ({
    cursor,
    node: toComment(record, viewer),
  }));
  connection.pageInfo = {
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor ?? page.comments.at(-1)?.cursor ?? null,
  };
  connection.countAll = page.countAll;
  return connection;
}

@Resolver(() => CommentConnection)
export class CommentConnectionResolver {
  @FieldResolver(() => Int, { description: 'How many comments there are in all pages together.' })
  totalCount(
    @Root() connection: CommentConnection,
    @Ctx() _context: CommentsContext,
  ): Promise<number> {
    return connection.countAll();
  }
}
