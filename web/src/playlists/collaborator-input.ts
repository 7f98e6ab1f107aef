/**
 * The "Invite a collaborator" box takes a profile link (https://…/users/<id>, as "Copy link" or the
 * address bar of a profile gives it) or a bare user id. Returns the id, or null for anything else.
 */
export function userIdFromInput(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const fromPath = /\/users\/([A-Za-z0-9_-]{1,64})\/?(?:[?#].*)?$/.exec(text);
  if (fromPath) return fromPath[1]!;
  return /^[A-Za-z0-9_-]{1,64}$/.test(text) ? text : null;
}
