import { parseArgs } from 'node:util';
import { connectDatabase } from '@groovy/common/mongo';
import { createUserModel } from '../user/user.model';
import { parseRole, RolesCommandError, UserRoles } from './user-roles';

export const ROLES_USAGE = `Usage: npm run roles -w @groovy/subgraph-auth -- <command> [options]

  grant  --email <address> --role <ROLE>   give a user a role (e.g. MODERATOR)
  revoke --email <address> --role <ROLE>   take it away
  list   [--role <ROLE>]                   users holding a role

Works on the auth database of the Mongo server in MONGO_URL (MONGO_DATABASE, default groovy_auth).
A change takes effect at the user's next access token: their next sign-in or token refresh
(at most ACCESS_TOKEN_TTL_SECONDS, 15 minutes by default).`;

export type RolesCommand =
  | { action: 'grant' | 'revoke'; email: string; role: ReturnType<typeof parseRole> }
  | { action: 'list'; role?: ReturnType<typeof parseRole> }
  | { action: 'help' };

/** The command the arguments name, or a RolesCommandError saying what is wrong. */
export function parseRolesCommand(argv: readonly string[]): RolesCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new RolesCommandError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { action: 'help' };
  if (positionals.length !== 1) {
    throw new RolesCommandError('expected exactly one command: grant, revoke or list');
  }
  const action = positionals[0];
  switch (action) {
    case 'grant':
    case 'revoke':
      if (!values.email) throw new RolesCommandError(`${action} needs --email`);
      return { action, email: values.email, role: parseRole(values.role) };
    case 'list':
      if (values.email) throw new RolesCommandError('list takes no --email');
      return values.role === undefined
        ? { action: 'list' }
        : { action: 'list', role: parseRole(values.role) };
    default:
      throw new RolesCommandError(`unknown command "${action}": expected grant, revoke or list`);
  }
}

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Where the command writes what it did (stdout) and what went wrong (stderr). */
export interface RolesCommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs the roles command against the auth database of the configured Mongo server; resolves with
 * the exit code (0 done, 1 refused: unknown user, 64 usage). MONGO_URL is required: starting an
 * in-process database here (as a service would without it) would change nobody's roles.
 */
export async function runRolesCommand(
  argv: readonly string[],
  env: { MONGO_URL?: string | undefined; MONGO_DATABASE?: string | undefined },
  output: RolesCommandOutput,
): Promise<number> {
  let command: RolesCommand;
  try {
    command = parseRolesCommand(argv);
  } catch (error) {
    if (!(error instanceof RolesCommandError)) throw error;
    output.err(`roles: ${error.message}\n\n${ROLES_USAGE}`);
    return 64;
  }
  if (command.action === 'help') {
    output.out(ROLES_USAGE);
    return 0;
  }
  if (!env.MONGO_URL) {
    output.err(
      'roles: MONGO_URL is unset. Point it at the Mongo server the auth subgraph uses (npm run dev prints it).',
    );
    return 64;
  }
  const connection = await connectDatabase(env.MONGO_URL, env.MONGO_DATABASE ?? 'groovy_auth');
  try {
    const roles = new UserRoles(createUserModel(connection));
    if (command.action === 'list') {
      const users = await roles.list(command.role);
      for (const user of users) output.out(JSON.stringify(user));
      if (users.length === 0) output.err('roles: no user holds a role');
      return 0;
    }
    const { user, changed } =
      command.action === 'grant'
        ? await roles.grant(command.email, command.role)
        : await roles.revoke(command.email, command.role);
    output.out(JSON.stringify({ action: command.action, role: command.role, changed, user }));
    return 0;
  } catch (error) {
    if (!(error instanceof RolesCommandError)) throw error;
    output.err(`roles: ${error.message}`);
    return 1;
  } finally {
    await connection.close();
  }
}
