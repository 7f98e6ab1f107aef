import type { BaseSubgraphContext } from '@groovy/common/subgraph';
import DataLoader from 'dataloader';
import type { CommentRecord } from './comment/comment.model';
import type { CommentService } from './comment/comment.service';
import type { CommentLikeService } from './like/comment-like.service';
import type { TargetRecord } from './target/target.model';
import type { TargetService } from './target/target.service';
import type { Viewer } from './viewer/viewer';

/** Per-request batching: each loader turns the lookups of one tick into one database read. */
export interface CommentsLoaders {
  commentById: DataLoader<string, CommentRecord | null>;
  /** By target key (`SONG:<id>`, …): owner, visibility, duration and the visible comment count. */
  targetByKey: DataLoader<string, TargetRecord | null>;
  replyCountByParentId: DataLoader<string, number>;
  /**
   * The first replies of each thread, by `<parentId>:<how many>`: every thread of a page in one
   * aggregate with a per-thread limit.
   */
  firstReplies: DataLoader<string, CommentRecord[]>;
  /** Whether the viewer likes each comment (false for anonymous callers, without a read). */
  likedByViewer: DataLoader<string, boolean>;
}

/** Per-request context of the comments subgraph. */
export interface CommentsContext extends BaseSubgraphContext {
  viewer: Viewer;
  loaders: CommentsLoaders;
  /** How long after posting its author may edit a comment. */
  editWindowMs: number;
}

export function createLoaders(
  viewer: Viewer,
  services: { comments: CommentService; targets: TargetService; likes: CommentLikeService },
): CommentsLoaders {
  return {
    commentById: new DataLoader((ids: readonly string[]) => services.comments.findByIds(ids)),
    targetByKey: new DataLoader((keys: readonly string[]) => services.targets.findByKeys(keys)),
    replyCountByParentId: new DataLoader((ids: readonly string[]) =>
      services.comments.replyCounts(ids),
    ),
    firstReplies: new DataLoader(async (keys: readonly string[]) => {
      const wanted = keys.map((key) => {
        const [parentId, limit] = key.split(':');
        return { parentId: parentId!, limit: Number(limit) };
      });
      const limit = Math.max(...wanted.map((want) => want.limit));
      const byParent = await services.comments.firstRepliesOf(
        wanted.map((want) => want.parentId),
        limit,
      );
      return wanted.map((want, index) => byParent[index]!.slice(0, want.limit));
    }),
    likedByViewer: new DataLoader(async (ids: readonly string[]) =>
      viewer.userId ? services.likes.likedBy(viewer.userId, ids) : ids.map(() => false),
    ),
  };
}
