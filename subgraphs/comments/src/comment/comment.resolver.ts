import { CachePrivate } from '@groovy/common/graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CommentsContext } from '../comments-context';
import { canSeeTarget, ownsTarget } from '../target/target.service';
import { UserReference } from '../user/user';
import { Comment, CommentConnection, toComment } from './comment';
import { parsePageSize } from './comment-page';
import { toCommentConnection } from './comment-connection';
import { AddCommentInput } from './comment.inputs';
import type { CommentService } from './comment.service';
import type { CommentLikeService } from '../like/comment-like.service';

/** A comment by id as `context`'s viewer may see it (null when missing or its target is not visible). */
export async function loadVisibleComment(
  id: string,
  context: CommentsContext,
): Promise<Comment | null> {
  const record = await context.loaders.commentById.load(id);
  if (!record) return null;
  const target = await context.loaders.targetByKey.load(record.targetKey);
  return canSeeTarget(target, context.viewer) ? toComment(record, context.viewer) : null;
}

@Resolver(() => Comment)
export class CommentResolver {
  constructor(
    private readonly comments: CommentService,
    private readonly likes: CommentLikeService,
  ) {}

  @Query(() => Comment, {
    nullable: true,
    description: 'A comment; null when there is none or you may not see what it is on.',
  })
  comment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment | null> {
    return loadVisibleComment(id, context);
  }

  @Mutation(() => Comment, {
    description:
      'Posts a comment (or a reply, with parentId). At most 10 a minute per user (RATE_LIMITED), and not the same text twice within a minute (CONFLICT).',
  })
  async addComment(
    @Arg('input') input: AddCommentInput,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    return toComment(await this.comments.add(context.viewer, input), context.viewer);
  }

  @Mutation(() => Comment, {
    description:
      'Changes your comment: within 15 minutes of posting it. Edits count with your posts in the 10-a-minute limit (RATE_LIMITED).',
  })
  async editComment(
    @Arg('body') body: string,
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    return toComment(await this.comments.edit(context.viewer, id, body), context.viewer);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a comment (its author, the owner of what it is on, or a moderator): body and author are gone, its replies stay.',
  })
  async deleteComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<boolean> {
    await this.comments.delete(context.viewer, id);
    return true;
  }

  @Mutation(() => Comment, { description: 'Likes a comment (once; repeating it changes nothing).' })
  async likeComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    const record = await this.likes.like(context.viewer, id);
    context.loaders.likedByViewer.prime(id, true);
    return toComment(record, context.viewer);
  }

  @Mutation(() => Comment, { description: 'Takes your like back (repeating it changes nothing).' })
  async unlikeComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    const record = await this.likes.unlike(context.viewer, id);
    context.loaders.likedByViewer.prime(id, false);
    return toComment(record, context.viewer);
  }

  @FieldResolver(() => UserReference, {
    nullable: true,
    description: 'Who wrote it; null once deleted.',
  })
  author(@Root() comment: Comment): UserReference | null {
    return comment.record.deleted ? null : { id: comment.record.authorId };
  }

  @FieldResolver(() => Comment, {
    nullable: true,
    description: "The thread's top comment, for a reply; null for a top-level comment.",
  })
  parent(@Root() comment: Comment, @Ctx() context: CommentsContext): Promise<Comment | null> {
    const parentId = comment.record.parentId;
    return parentId ? loadVisibleComment(parentId.toHexString(), context) : Promise.resolve(null);
  }

  @FieldResolver(() => Comment, {
    nullable: true,
    description:
      'The comment this reply answers: the top comment, or another reply of the thread; null for a top-level comment.',
  })
  inReplyTo(@Root() comment: Comment, @Ctx() context: CommentsContext): Promise<Comment | null> {
    const answered = comment.record.inReplyTo;
    return answered
      ? loadVisibleComment(answered.commentId.toHexString(), context)
      : Promise.resolve(null);
  }

  @FieldResolver(() => UserReference, {
    nullable: true,
    description: 'Whom this reply answers (the author of inReplyTo); null for a top-level comment.',
  })
  replyTo(@Root() comment: Comment): UserReference | null {
    const answered = comment.record.inReplyTo;
    return answered ? { id: answered.authorId } : null;
  }

  @FieldResolver(() => CommentConnection, {
    description: "The thread's replies, oldest first (deleted ones left out); empty for a reply.",
  })
  async replies(
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Root() comment: Comment,
    @Ctx() context: CommentsContext,
  ): Promise<CommentConnection> {
    const size = parsePageSize(first);
    if (comment.record.parentId)
      return toCommentConnection(
        { comments: [], hasNextPage: false, countAll: async () => 0 },
        context.viewer,
      );
    // A first page (the usual case, for every comment of a page at once): batched, and its
    // totalCount is the thread's replyCount (batched too).
    const page = after
      ? await this.comments.listReplies(comment.record._id, size, after)
      : this.comments.repliesPageOf(
          size === 0 ? [] : await context.loaders.firstReplies.load(`${comment.id}:${size + 1}`),
          size,
          () => context.loaders.replyCountByParentId.load(comment.id),
        );
    return toCommentConnection(page, context.viewer);
  }

  @FieldResolver(() => Int, { description: 'Replies in its thread (not deleted).' })
  replyCount(@Root() comment: Comment, @Ctx() context: CommentsContext): Promise<number> {
    return comment.record.parentId
      ? Promise.resolve(0)
      : context.loaders.replyCountByParentId.load(comment.id);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, { description: 'Whether you like it (false when signed out).' })
  likedByMe(@Root() comment: Comment, @Ctx() context: CommentsContext): Promise<boolean> {
    return context.loaders.likedByViewer.load(comment.id);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, {
    description: 'You wrote it, it is not deleted and it is less than 15 minutes old.',
  })
  viewerCanEdit(@Root() comment: Comment, @Ctx() context: CommentsContext): boolean {
    const record = comment.record;
    return (
      !record.deleted &&
      context.viewer.userId === record.authorId &&
      Date.now() - record.createdAt.getTime() <= context.editWindowMs
    );
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, {
    description:
      'You may delete it: you wrote it, you own what it is on, or you moderate (false once deleted).',
  })
  async viewerCanDelete(
    @Root() comment: Comment,
    @Ctx() context: CommentsContext,
  ): Promise<boolean> {
    const record = comment.record;
    if (record.deleted || !context.viewer.userId) return false;
    if (context.viewer.moderator || context.viewer.userId === record.authorId) return true;
    return ownsTarget(await context.loaders.targetByKey.load(record.targetKey), context.viewer);
  }

  @CachePrivate()
  @FieldResolver(() => Boolean, {
    description: 'You may hide or show it: you own what it is on, or you moderate.',
  })
  async viewerCanModerate(
    @Root() comment: Comment,
    @Ctx() context: CommentsContext,
  ): Promise<boolean> {
    if (comment.record.deleted || !context.viewer.userId) return false;
    if (context.viewer.moderator) return true;
    return ownsTarget(
      await context.loaders.targetByKey.load(comment.record.targetKey),
      context.viewer,
    );
  }
}
