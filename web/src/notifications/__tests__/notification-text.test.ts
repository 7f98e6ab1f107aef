import { badgeText, bellLabel, notificationHref, notificationText } from '../notification-text';

const song = { id: 's1', title: 'Dawn', artist: { name: 'Harbor' } };
const actor = { id: 'u1', displayName: 'Ada' };

describe('notificationText / notificationHref', () => {
  it('says what happened and links to it', () => {
    expect(notificationText({ kind: 'NEW_RELEASE', song })).toBe('New release from Harbor: “Dawn”');
    expect(notificationHref({ kind: 'NEW_RELEASE', song })).toBe('/songs/s1');
    expect(notificationText({ kind: 'NEW_FOLLOWER', actor })).toBe('Ada started following you');
    expect(notificationHref({ kind: 'NEW_FOLLOWER', actor })).toBeNull();
    expect(notificationText({ kind: 'COMMENT_REPLY', actor, song })).toBe(
      'Ada replied to your comment',
    );
  });

  it('copes with what was deleted since', () => {
    expect(notificationText({ kind: 'NEW_RELEASE', song: null })).toBe(
      'A new release from an artist you follow',
    );
    expect(notificationHref({ kind: 'NEW_RELEASE', song: null })).toBeNull();
    expect(notificationText({ kind: 'COMMENT_REPLY', actor: null })).toBe(
      'Someone replied to your comment',
    );
  });
});

describe('bellLabel / badgeText', () => {
  it('names the unread count', () => {
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
