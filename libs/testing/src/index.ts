export { describeWithServer, serverAvailable, type TestServer } from './servers';
export { createTestApp } from './test-app';
export { freePort } from './free-port';
export {
  buildService,
  documentOfBuiltService,
  runUntilExit,
  startApp,
  withBuiltService,
  type RunningApp,
} from './running-app';
export { packagesLoadedByBuiltService } from './loaded-packages';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { declaredEnvVars, documentedEnvVars } from './env-table';
