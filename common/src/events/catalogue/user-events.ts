import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

const userProfile = z.object({
  userId: z.string().min(1),
  displayName: z.string().min(1).max(50),
  avatarUrl: z.string().url().nullable(),
});

/** auth: a new account exists. */
export const UserRegistered = defineEventType(
  'auth',
  'USER_REGISTERED',
  1,
  userProfile.extend({ createdAt: z.iso.datetime() }),
);

/** auth: a public profile changed (display name, avatar). */
export const UserUpdated = defineEventType('auth', 'USER_UPDATED', 1, userProfile);
