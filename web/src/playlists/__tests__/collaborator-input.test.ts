import { userIdFromInput } from '../collaborator-input';

describe('userIdFromInput', () => {
  it('takes the id from a profile link', () => {
    expect(userIdFromInput('https://groovy.example/users/65f0c0ffee/')).toBe('65f0c0ffee');
    expect(userIdFromInput('http://127.0.0.1:3000/users/abc123?tab=playlists')).toBe('abc123');
    expect(userIdFromInput('/users/abc123')).toBe('abc123');
  });

  it('takes a bare id', () => {
    expect(userIdFromInput('  65f0c0ffee ')).toBe('65f0c0ffee');
  });

  it('refuses anything else', () => {
    expect(userIdFromInput('')).toBeNull();
    expect(userIdFromInput('some name with spaces')).toBeNull();
    expect(userIdFromInput('https://groovy.example/artists/1')).toBeNull();
  });
});
