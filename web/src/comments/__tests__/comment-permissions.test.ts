import {
  canDelete,
  canEdit,
  canLike,
  canReply,
  canReport,
  editTimeLeft,
} from '../comment-permissions';
import { comment } from './fixtures';

const created = Date.parse('2026-12-02T12:00:00.000Z');
const author = { userId: 'user-a', isTargetOwner: false };
const other = { userId: 'user-b', isTargetOwner: false };
const owner = { userId: 'user-o', isTargetOwner: true };
const signedOut = { userId: null, isTargetOwner: false };

describe('comment permissions', () => {
  const mine = comment('c1');

  it('lets the author edit for 15 minutes only', () => {
    expect(canEdit(mine, author, created + 14 * 60_000)).toBe(true);
    expect(canEdit(mine, author, created + 15 * 60_000)).toBe(false);
    expect(canEdit(mine, other, created)).toBe(false);
    expect(canEdit({ ...mine, deleted: true }, author, created)).toBe(false);
    expect(editTimeLeft(mine, created + 60_000)).toBe(14 * 60_000);
    expect(editTimeLeft(mine, created + 60 * 60_000)).toBe(0);
  });

  it('lets the author and the target owner delete', () => {
    expect(canDelete(mine, author)).toBe(true);
    expect(canDelete(mine, owner)).toBe(true);
    expect(canDelete(mine, other)).toBe(false);
    expect(canDelete({ ...mine, deleted: true }, author)).toBe(false);
  });

  it('lets other signed-in people report, like and reply; signed-out people only read', () => {
    expect(canReport(mine, other)).toBe(true);
    expect(canReport(mine, author)).toBe(false);
    expect(canReport({ ...mine, hidden: true }, other)).toBe(false);
    expect(canReport(mine, signedOut)).toBe(false);
    expect(canLike(mine, author)).toBe(true);
    expect(canLike(mine, signedOut)).toBe(false);
    expect(canReply(mine, other)).toBe(true);
    expect(canReply({ ...mine, deleted: true }, other)).toBe(false);
    expect(canReply(mine, signedOut)).toBe(false);
  });
});
