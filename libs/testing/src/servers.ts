/** The local servers integration suites run against (see global-setup.js). */
export type TestServer = 'mysql' | 'postgres' | 'redis' | 'rabbitmq';

export const serverAvailable = (server: TestServer): boolean =>
  (process.env.RETAIL_TEST_SERVERS ?? '').split(',').includes(server);

/**
 * `describe` when the server answers on 127.0.0.1; otherwise the suite is skipped with a printed
 * reason. Under REQUIRE_SERVICES=1 the global setup has already failed the run instead.
 */
export function describeWithServer(server: TestServer, name: string, fn: () => void): void {
  if (serverAvailable(server)) {
    describe(name, fn);
    return;
  }
  console.warn(
    `skipping "${name}": no ${server} server on 127.0.0.1 (REQUIRE_SERVICES=1 makes this a failure)`,
  );
  describe.skip(name, fn);
}
