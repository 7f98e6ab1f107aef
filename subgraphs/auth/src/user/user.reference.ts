import type { AuthContext } from '../auth-context';
import type { User } from './user';

/** Resolves `User` references from other subgraphs, batched through the request's DataLoader. */
export function resolveUserReference(
  reference: { id: string },
  context: AuthContext,
): Promise<User | null> {
  return context.userById.load(reference.id);
}
