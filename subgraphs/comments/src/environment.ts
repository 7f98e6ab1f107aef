import {
  envPositiveInt,
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { z } from 'zod';

export const commentsEnvironmentSchema = z.object({
  ...serviceEnvironmentShape(4003),
  ...subgraphEnvironmentShape(),
  /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: see common/src/events. */
  ...eventBusEnvironmentShape(),
  /** Comments (replies included) one user may post per minute; more is RATE_LIMITED. */
  COMMENTS_PER_MINUTE: envPositiveInt(10),
  /** Likes and unlikes of comments one user may send per minute; more is RATE_LIMITED. */
  COMMENT_LIKES_PER_MINUTE: envPositiveInt(60),
  /** How long after posting its author may still edit a comment. */
  EDIT_WINDOW_SECONDS: envPositiveInt(15 * 60),
  /** The same body posted again by the same user within this window is refused as a duplicate. */
  DUPLICATE_WINDOW_SECONDS: envPositiveInt(60),
  /** Reports from different users that hide a comment until a moderator reviews it. */
  REPORTS_TO_HIDE: envPositiveInt(3),
  /** How often unfinished count updates (a process died mid-write) are looked for and finished. */
  REPAIR_INTERVAL_SECONDS: envPositiveInt(30),
});

export type CommentsEnvironment = z.infer<typeof commentsEnvironmentSchema>;

/** The only place the comments subgraph reads process.env; exits with one clear line when it is wrong. */
export function readCommentsEnvironment(): CommentsEnvironment {
  return loadEnvironment('comments', commentsEnvironmentSchema, process.env);
}
