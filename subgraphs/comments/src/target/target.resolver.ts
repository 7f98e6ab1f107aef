import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { CommentConnection, CommentOrder } from '../comment/comment';
import { parsePageSize } from '../comment/comment-page';
import { toCommentConnection } from '../comment/comment-connection';
import type { CommentService } from '../comment/comment.service';
import type { CommentsContext } from '../comments-context';
import { targetKeyOf, type CommentTargetTypeValue } from './target-key';
import { canSeeTarget } from './target.service';
import { AlbumTarget, PlaylistTarget, SongTarget } from './targets';

const EMPTY_PAGE = { comments: [], hasNextPage: false, countAll: async () => 0 };

async function commentsOf(
  type: CommentTargetTypeValue,
  id: string,
  comments: CommentService,
  context: CommentsContext,
  first: number | null | undefined,
  after: string | null | undefined,
  order: CommentOrder | null | undefined,
): Promise<CommentConnection> {
  const size = parsePageSize(first);
  const target = await context.loaders.targetByKey.load(targetKeyOf(type, id));
  const page = canSeeTarget(target, context.viewer)
    ? await comments.listTopLevel(target!, order ?? CommentOrder.NEWEST, size, after)
    : EMPTY_PAGE;
  return toCommentConnection(page, context.viewer);
}

async function commentCountOf(
  type: CommentTargetTypeValue,
  id: string,
  context: CommentsContext,
): Promise<number> {
  const target = await context.loaders.targetByKey.load(targetKeyOf(type, id));
  return canSeeTarget(target, context.viewer) ? target!.commentCount : 0;
}

const COMMENTS = {
  description:
    'Top-level comments (replies are under each), newest first unless `order` says otherwise.',
};
const COUNT = { description: 'Visible comments (not deleted, not hidden), replies included.' };

@Resolver(() => SongTarget)
export class SongCommentsResolver {
  constructor(private readonly commentService: CommentService) {}

  @FieldResolver(() => CommentConnection, COMMENTS)
  comments(
    // type-graphql prints arguments last-parameter-first: this reads `comments(first, after, order)`.
    @Arg('order', () => CommentOrder, { nullable: true }) order: CommentOrder | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Root() song: SongTarget,
    @Ctx() context: CommentsContext,
  ): Promise<CommentConnection> {
    return commentsOf('SONG', song.id, this.commentService, context, first, after, order);
  }

  @FieldResolver(() => Int, COUNT)
  commentCount(@Root() song: SongTarget, @Ctx() context: CommentsContext): Promise<number> {
    return commentCountOf('SONG', song.id, context);
  }
}

@Resolver(() => AlbumTarget)
export class AlbumCommentsResolver {
  constructor(private readonly commentService: CommentService) {}

  @FieldResolver(() => CommentConnection, COMMENTS)
  comments(
    // type-graphql prints arguments last-parameter-first: this reads `comments(first, after, order)`.
    @Arg('order', () => CommentOrder, { nullable: true }) order: CommentOrder | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Root() album: AlbumTarget,
    @Ctx() context: CommentsContext,
  ): Promise<CommentConnection> {
    return commentsOf('ALBUM', album.id, this.commentService, context, first, after, order);
  }

  @FieldResolver(() => Int, COUNT)
  commentCount(@Root() album: AlbumTarget, @Ctx() context: CommentsContext): Promise<number> {
    return commentCountOf('ALBUM', album.id, context);
  }
}

@Resolver(() => PlaylistTarget)
export class PlaylistCommentsResolver {
  constructor(private readonly commentService: CommentService) {}

  @FieldResolver(() => CommentConnection, COMMENTS)
  comments(
    // type-graphql prints arguments last-parameter-first: this reads `comments(first, after, order)`.
    @Arg('order', () => CommentOrder, { nullable: true }) order: CommentOrder | null | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Root() playlist: PlaylistTarget,
    @Ctx() context: CommentsContext,
  ): Promise<CommentConnection> {
    return commentsOf('PLAYLIST', playlist.id, this.commentService, context, first, after, order);
  }

  @FieldResolver(() => Int, COUNT)
  commentCount(@Root() playlist: PlaylistTarget, @Ctx() context: CommentsContext): Promise<number> {
    return commentCountOf('PLAYLIST', playlist.id, context);
  }
}
