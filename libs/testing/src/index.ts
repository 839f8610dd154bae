export { describeWithServer, serverAvailable, type TestServer } from './servers';
export { createTestApp } from './test-app';
export { startApp, type RunningApp } from './running-app';
