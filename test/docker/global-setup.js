// Before the docker suites: the shared probe of the local servers, then a build of every service
// whose dist/ is missing or older than its sources, once, so that no two suites build the same
// service at the same time. A failed build does not stop the run: the suites of that service fail
// with its output (RETAIL_BUILD_ERRORS), the others still run.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const probeServers = require('../../libs/testing/src/global-setup.js');

const root = path.resolve(__dirname, '../..');

module.exports = async function globalSetup() {
  await probeServers();
  const { SERVICES, isPresent } = await import('../../tools/services.mjs');
  const { isStale, markBuilt } = await import('../../tools/start/stale.mjs');
  const errors = {};
  for (const service of SERVICES) {
    if (!isPresent(root, service) || !isStale(root, service.name)) continue;
    const build = spawnSync(process.execPath, ['tools/build.mjs', service.name], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) errors[service.name] = `${build.stdout}${build.stderr}`;
    else markBuilt(root, service.name);
  }
  process.env.RETAIL_BUILD_ERRORS = JSON.stringify(errors);
};
