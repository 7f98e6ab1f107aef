import { isProtectedPath, signInRedirectPath } from '../protected-routes';
import { safeCallbackUrl } from '../callback-url';

describe('safeCallbackUrl', () => {
  it('accepts same-site paths', () => {
    expect(safeCallbackUrl('/account')).toBe('/account');
    expect(safeCallbackUrl('/account?tab=keys#x')).toBe('/account?tab=keys#x');
    expect(safeCallbackUrl(['/a', '/b'])).toBe('/a');
  });
  it('rejects other sites and protocol tricks', () => {
    expect(safeCallbackUrl('https://evil.example/phish')).toBe('/');
    expect(safeCallbackUrl('//evil.example')).toBe('/');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/');
    expect(safeCallbackUrl('javascript:alert(1)')).toBe('/');
    expect(safeCallbackUrl('account')).toBe('/');
  });
  it('reduces our own absolute URLs to their path', () => {
    expect(safeCallbackUrl('http://127.0.0.1:3000/account')).toBe('/account');
  });
  it('never loops back to the auth pages', () => {
    expect(safeCallbackUrl('/signin?callbackUrl=/x', '/home')).toBe('/home');
    expect(safeCallbackUrl('/signup')).toBe('/');
    expect(safeCallbackUrl('/signing-off')).toBe('/signing-off');
  });
  it('uses the fallback when empty', () => {
    expect(safeCallbackUrl(undefined, '/account')).toBe('/account');
    expect(safeCallbackUrl('', '/account')).toBe('/account');
  });
});

describe('protected routes', () => {
  it('protects /account, /upload and below only; songs, albums and artists are public', () => {
    expect(isProtectedPath('/account')).toBe(true);
    expect(isProtectedPath('/account/keys')).toBe(true);
    expect(isProtectedPath('/accounts')).toBe(false);
    expect(isProtectedPath('/upload')).toBe(true);
    expect(isProtectedPath('/uploads')).toBe(false);
    expect(isProtectedPath('/songs/1')).toBe(false);
    expect(isProtectedPath('/')).toBe(false);
  });
  it('builds a sign-in URL that comes back afterwards', () => {
    expect(signInRedirectPath('/account?tab=keys')).toBe(
      '/signin?callbackUrl=%2Faccount%3Ftab%3Dkeys',
    );
    expect(signInRedirectPath('/account', 'SessionExpired')).toBe(
      '/signin?error=SessionExpired&callbackUrl=%2Faccount',
    );
    expect(
      safeCallbackUrl(
        new URLSearchParams(signInRedirectPath('/account').split('?')[1]).get('callbackUrl'),
      ),
    ).toBe('/account');
  });
});
