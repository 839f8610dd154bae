// Probes the local servers the integration suites use, once per run, and tells the workers which
// answered (RETAIL_TEST_SERVERS). With REQUIRE_SERVICES=1 (CI) a missing server fails the run.
const net = require('node:net');

const SERVERS = {
  mysql: 3306,
  postgres: 5432,
  redis: 6379,
  rabbitmq: 5672,
};

const probe = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

module.exports = async function globalSetup() {
  if (process.env.RETAIL_TEST_SERVERS !== undefined) return;
  const found = [];
  const missing = [];
  for (const [name, port] of Object.entries(SERVERS)) {
    ((await probe(port)) ? found : missing).push(`${name}`);
  }
  if (missing.length > 0 && process.env.REQUIRE_SERVICES === '1') {
    throw new Error(
      `REQUIRE_SERVICES=1 but nothing answers on 127.0.0.1 for: ${missing
        .map((m) => `${m} (:${SERVERS[m]})`)
        .join(', ')}`,
    );
  }
  process.env.RETAIL_TEST_SERVERS = found.join(',');
};
