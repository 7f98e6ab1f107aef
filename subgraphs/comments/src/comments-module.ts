import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphBuildDependencies } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import { CommentAbuseGuard } from './abuse/comment-abuse-guard';
import { createCommentAddedResolver } from './comment/comment-added.resolver';
import { CommentConnectionResolver } from './comment/comment-connection';
import { createCommentModel } from './comment/comment.model';
import { loadVisibleComment, CommentResolver } from './comment/comment.resolver';
import { CommentService } from './comment/comment.service';
import { createLoaders, type CommentsContext } from './comments-context';
import type { CommentsEnvironment } from './environment';
import { TargetEventsConsumer } from './events/target-events.consumer';
import { CommentLikeService } from './like/comment-like.service';
import { ModerationResolver } from './moderation/moderation.resolver';
import { ModerationService } from './moderation/moderation.service';
import { CommentCountWriter } from './target/comment-count-writer';
import { createTargetModel } from './target/target.model';
import {
  AlbumCommentsResolver,
  PlaylistCommentsResolver,
  SongCommentsResolver,
} from './target/target.resolver';
import { TargetService } from './target/target.service';
import { AlbumTarget, PlaylistTarget, SongTarget } from './target/targets';
import { viewerOf } from './viewer/viewer';

/** Everything the comments subgraph is made of, wired once per process on its own connection. */
export interface CommentsModule {
  schema: GraphQLSchema;
  comments: CommentService;
  targets: TargetService;
  counts: CommentCountWriter;
  likes: CommentLikeService;
  consumer: TargetEventsConsumer;
  ensureIndexes(): Promise<void>;
  context(
    identity: CommentsContext['identity'],
  ): Pick<CommentsContext, 'viewer' | 'loaders' | 'editWindowMs'>;
}

export async function createCommentsModule(
  {
    connection,
    logger,
    outbox,
    live,
  }: Pick<SubgraphBuildDependencies, 'connection' | 'logger' | 'outbox' | 'live'>,
  env: CommentsEnvironment,
): Promise<CommentsModule> {
  const db = () => connection.getClient().db(connection.name);
  const commentModel = createCommentModel(connection);
  const targetModel = createTargetModel(connection);
  const targets = new TargetService(targetModel);
  const counts = new CommentCountWriter(commentModel, targetModel, outbox, logger);
  const abuse = new CommentAbuseGuard(db, {
    commentsPerMinute: env.COMMENTS_PER_MINUTE,
    duplicateWindowSeconds: env.DUPLICATE_WINDOW_SECONDS,
  });
  const comments = new CommentService(commentModel, targets, counts, abuse, {
    editWindowSeconds: env.EDIT_WINDOW_SECONDS,
  });
  const likes = new CommentLikeService(db, commentModel, comments, logger, {
    likesPerMinute: env.COMMENT_LIKES_PER_MINUTE,
  });
  const moderation = new ModerationService(db, commentModel, comments, counts, {
    reportsToHide: env.REPORTS_TO_HIDE,
  });
  const consumer = new TargetEventsConsumer(db, targets, commentModel, logger);

  const CommentAddedResolver = createCommentAddedResolver(comments, targets, live.pubSub);
  const schema = await buildFederatedSchema({
    pubSub: live.pubSub,
    ...resolverContainer([
      [CommentAddedResolver, new CommentAddedResolver()],
      [CommentResolver, new CommentResolver(comments, likes)],
      [CommentConnectionResolver, new CommentConnectionResolver()],
      [ModerationResolver, new ModerationResolver(moderation)],
      [SongCommentsResolver, new SongCommentsResolver(comments)],
      [AlbumCommentsResolver, new AlbumCommentsResolver(comments)],
      [PlaylistCommentsResolver, new PlaylistCommentsResolver(comments)],
    ]),
    // Nothing here returns a Song, Album or Playlist: the router reaches them by key only.
    orphanedTypes: [SongTarget, AlbumTarget, PlaylistTarget],
    referenceResolvers: {
      Comment: {
        __resolveReference: ((reference: { id: string }, context: CommentsContext) =>
          loadVisibleComment(reference.id, context)) as never,
      },
      Song: { __resolveReference: ((reference: { id: string }) => reference) as never },
      Album: { __resolveReference: ((reference: { id: string }) => reference) as never },
      Playlist: { __resolveReference: ((reference: { id: string }) => reference) as never },
    },
  });

  return {
    schema,
    comments,
    targets,
    counts,
    likes,
    consumer,
    ensureIndexes: async () => {
      await Promise.all([
        commentModel.init(),
        abuse.ensureIndexes(),
        likes.ensureIndexes(),
        moderation.ensureIndexes(),
      ]);
    },
    context: (identity) => {
      const viewer = viewerOf(identity);
      return {
        viewer,
        loaders: createLoaders(viewer, { comments, targets, likes }),
        editWindowMs: env.EDIT_WINDOW_SECONDS * 1000,
      };
    },
  };
}
