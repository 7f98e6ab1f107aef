// `npm run roles -w @groovy/subgraph-auth -- grant --email a@b.c --role MODERATOR`: see ROLES_USAGE.
import { readAuthEnvironment } from '../environment';
import { runRolesCommand } from './roles-command';

runRolesCommand(process.argv.slice(2), readAuthEnvironment(), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(
      `roles: failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
