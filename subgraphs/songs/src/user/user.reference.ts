import { validObjectIds } from '../object-id';
import type { UserReference } from './user';

/**
 * Resolves `User` references to their key (songs keeps no users: `uploads` and `uploadCount` load
 * what they need, batched); a malformed id resolves to null.
 */
export function resolveUserReference(reference: { id: string }): UserReference | null {
  const [id] = validObjectIds([reference.id]);
  return id ? { id: id.toHexString() } : null;
}
