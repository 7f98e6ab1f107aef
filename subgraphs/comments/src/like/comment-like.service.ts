import type { Collection, Db } from 'mongodb';
import type { CommentModel, CommentRecord } from '../comment/comment.model';
import { requireSignedIn, type CommentService } from '../comment/comment.service';
import type { Viewer } from '../viewer/viewer';

interface CommentLike {
  /** `<commentId>:<userId>`: one like per user, whatever the concurrency. */
  _id: string;
  commentId: string;
  userId: string;
  at: Date;
}

/**
 * Likes on comments. A like is a document with a unique id per (comment, user); the comment's
 * `likeCount` moves by one only when that document was really inserted or removed, so duplicated
 * and concurrent requests leave the exact count.
 */
export class CommentLikeService {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly comments: CommentModel,
    private readonly commentService: CommentService,
  ) {}

  private get likes(): Collection<CommentLike> {
    return this.db().collection<CommentLike>('comment_likes');
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= this.likes.createIndex({ userId: 1, commentId: 1 });
    return this.ready;
  }

  async like(viewer: Viewer, id: string): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    const { comment } = await this.commentService.requireInteractive('id', id, viewer);
    const commentId = comment._id.toHexString();
    try {
      await this.likes.insertOne({
        _id: `${commentId}:${userId}`,
        commentId,
        userId,
        at: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return comment;
      throw error;
    }
    return this.bump(comment, 1);
  }

  async unlike(viewer: Viewer, id: string): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    const { comment } = await this.commentService.requireActionable('id', id, viewer);
    const removed = await this.likes.deleteOne({ _id: `${comment._id.toHexString()}:${userId}` });
    return removed.deletedCount === 1 ? this.bump(comment, -1) : comment;
  }

  /** Which of `commentIds` `userId` likes, in one read. */
  async likedBy(userId: string, commentIds: readonly string[]): Promise<boolean[]> {
    const found = await this.likes
      .find(
        { _id: { $in: commentIds.map((id) => `${id}:${userId}`) } },
        { projection: { commentId: 1 } },
      )
      .toArray();
    const liked = new Set(found.map((like) => like.commentId));
    return commentIds.map((id) => liked.has(id));
  }

  private async bump(comment: CommentRecord, by: 1 | -1): Promise<CommentRecord> {
    const updated = await this.comments
      .findOneAndUpdate(
        { _id: comment._id },
        { $inc: { likeCount: by } },
        { returnDocument: 'after' },
      )
      .lean<CommentRecord>();
    return updated ?? comment;
  }
}
