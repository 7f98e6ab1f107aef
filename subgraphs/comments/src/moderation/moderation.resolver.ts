import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Comment, toComment } from '../comment/comment';
import { parsePageSize } from '../comment/comment-page';
import type { CommentsContext } from '../comments-context';
import type { ModerationService } from './moderation.service';
import { ModerationQueueConnection } from './moderation.types';

@Resolver()
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

  @Mutation(() => Boolean, {
    description:
      'Reports a comment (once per user; CONFLICT the second time). Hidden once 3 different users reported it.',
  })
  async reportComment(
    @Arg('reason') reason: string,
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<boolean> {
    await this.moderation.report(context.viewer, id, reason);
    return true;
  }

  @Mutation(() => Comment, {
    description: 'Hides a comment: the owner of what it is on, or a moderator.',
  })
  async hideComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    return toComment(await this.moderation.hide(context.viewer, id), context.viewer);
  }

  @Mutation(() => Comment, {
    description:
      'Shows a hidden comment again: a moderator, or the owner of what it is on (unless a moderator hid it).',
  })
  async unhideComment(
    @Arg('id', () => ID) id: string,
    @Ctx() context: CommentsContext,
  ): Promise<Comment> {
    return toComment(await this.moderation.unhide(context.viewer, id), context.viewer);
  }

  @Query(() => ModerationQueueConnection, {
    description: 'Moderators only (FORBIDDEN otherwise): reported comments waiting for a decision.',
  })
  async moderationQueue(
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | null | undefined,
    @Ctx() context: CommentsContext,
  ): Promise<ModerationQueueConnection> {
    const page = await this.moderation.queue(context.viewer, parsePageSize(first), after);
    return {
      edges: page.entries.map((entry) => ({
        cursor: entry.cursor,
        node: toComment(entry.record, context.viewer),
        reportCount: entry.record.openReportCount,
        reasons: entry.reasons,
        lastReportedAt: entry.record.lastReportedAt,
      })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        endCursor: page.entries.at(-1)?.cursor ?? null,
      },
      totalCount: await page.countAll(),
    };
  }
}
