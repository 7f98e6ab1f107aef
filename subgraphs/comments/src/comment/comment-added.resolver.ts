import type { EventEnvelope } from '@groovy/common/events';
import { NotFoundError } from '@groovy/common/errors';
import { Arg, Ctx, ID, Resolver, Root, Subscription, type PubSub } from 'type-graphql';
import type { CommentsContext } from '../comments-context';
import type { TargetService } from '../target/target.service';
import { canSeeTarget } from '../target/target.service';
import { Comment, CommentTargetType, toComment } from './comment';
import type { CommentRecord } from './comment.model';
import type { CommentService } from './comment.service';
import type { TargetRecord } from '../target/target.model';
import type { CommentTargetTypeValue } from '../target/target-key';
import { filteredStream } from './filtered-stream';

/** Events whose reads are kept (a burst of comments on one instance). */
const RECENT_EVENTS = 64;

interface CreatedData {
  commentId: string;
  target: { type: string; id: string };
}

interface CommentAddedArgs {
  targetType: CommentTargetType;
  targetId: string;
}

/**
 * `Subscription.commentAdded`: every COMMENT_CREATED that reaches this instance (through the event
 * bus, whichever instance wrote it) is pushed to the subscribers of its target that may see it;
 * a comment hidden or deleted by then is not pushed. A target that does not exist or that the
 * subscriber may not see fails the subscription at once with NOT_FOUND (as reading its comments
 * would), instead of a subscription that never hears anything. Anonymous subscribers are welcome:
 * reading is public. Built per module: the filter needs the services.
 */
export function createCommentAddedResolver(
  comments: CommentService,
  targets: TargetService,
  pubSub: PubSub,
) {
  // The comment and target of an event are read once per event on this instance, however many
  // subscribers it has: the last few events' reads are kept by event id, and filtered in memory.
  const recent = new Map<
    string,
    Promise<{ comment: CommentRecord | null; target: TargetRecord | null }>
  >();
  const readOnce = (event: EventEnvelope) => {
    let read = recent.get(event.id);
    if (!read) {
      const { commentId } = event.data as CreatedData;
      read = (async () => {
        const [comment] = await comments.findByIds([commentId]);
        const [target] = comment ? await targets.findByKeys([comment.targetKey]) : [null];
        return { comment: comment ?? null, target: target ?? null };
      })();
      recent.set(event.id, read);
      read.catch(() => recent.delete(event.id));
      while (recent.size > RECENT_EVENTS) recent.delete(recent.keys().next().value!);
    }
    return read;
  };
  const visibleTo = async (event: EventEnvelope, context: CommentsContext): Promise<boolean> => {
    const { comment, target } = await readOnce(event);
    if (!comment || comment.deleted || comment.hidden) return false;
    return canSeeTarget(target, context.viewer);
  };

  @Resolver()
  class CommentAddedResolver {
    @Subscription(() => Comment, {
      description:
        'Comments and replies posted on a song, album or playlist from now on (those you may see). NOT_FOUND at once when the target does not exist or you may not see it.',
      subscribe: async ({
        args,
        context,
      }: {
        args: CommentAddedArgs;
        context: CommentsContext;
      }) => {
        await targets.requireVisible(
          args.targetType as CommentTargetTypeValue,
          args.targetId,
          context.viewer,
        );
        const events = pubSub.subscribe('COMMENT_CREATED') as AsyncIterableIterator<EventEnvelope>;
        return filteredStream(events, (event) => {
          const data = event.data as CreatedData;
          if (data.target.type !== args.targetType || data.target.id !== args.targetId)
            return false;
          return visibleTo(event, context);
        });
      },
    })
    async commentAdded(
      // type-graphql prints arguments last-parameter-first: `commentAdded(targetType, targetId)`.
      @Arg('targetId', () => ID) _targetId: string,
      @Arg('targetType', () => CommentTargetType) _targetType: CommentTargetType,
      @Root() event: EventEnvelope,
      @Ctx() context: CommentsContext,
    ): Promise<Comment> {
      const { commentId } = event.data as CreatedData;
      const { comment: record } = await readOnce(event);
      if (!record) throw new NotFoundError('Comment', commentId);
      // One context serves every event of a subscription: nothing cached from an earlier one.
      for (const loader of Object.values(context.loaders)) loader.clearAll();
      return toComment(record, context.viewer);
    }
  }
  return CommentAddedResolver;
}
