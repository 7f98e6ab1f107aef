export {
  freshDatabaseName,
  launchStack,
  REPO_ROOT,
  withPortOffset,
  type LaunchedService,
  type LaunchedStack,
  type LaunchStackOptions,
  type StackSecrets,
} from './launch-stack';
export {
  ROLE_WIRING,
  SERVICE_WIRING,
  type ServiceWiring,
  type WiringContext,
} from './service-table';
export {
  listServices,
  listWorkspacePackages,
  type ServiceRole,
  type WorkspacePackage,
} from './workspace-packages';
export { canListen, firstFreePort, freePort } from './free-port';
