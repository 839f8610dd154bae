import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cliModelsDir, loadModel, modelAvailable, modelFile } from './support/api-model';
import { tempDir } from './support/tools';

const MODEL = { shapes: { Name: { type: 'string', min: 1 } } };

/** A botocore data folder holding one model, compressed or not. */
function modelsDir(compressed: boolean): string {
  const dir = tempDir('models');
  const file = path.join(dir, 'ecs', '2014-11-13', 'service-2.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(MODEL);
  if (compressed) writeFileSync(`${file}.gz`, gzipSync(text));
  else writeFileSync(file, text);
  return dir;
}

describe('the API models of botocore', () => {
  it.each([
    ['service-2.json (Debian)', false],
    ['service-2.json.gz (pip)', true],
  ])('reads %s', (_, compressed) => {
    const dir = modelsDir(compressed);
    expect(modelAvailable('ecs', '2014-11-13', dir)).toBe(true);
    expect(modelFile('ecs', '2014-11-13', dir).endsWith('.gz')).toBe(compressed);
    expect(loadModel('ecs', '2014-11-13', dir)).toEqual(MODEL);
  });

  it('reports a missing model as unavailable', () => {
    expect(modelAvailable('ecs', '2014-11-13', tempDir('models'))).toBe(false);
  });

  it("are looked for where the CLI's own Python keeps botocore", () => {
    const dir = tempDir('cli');
    // A stand-in interpreter that answers the question with a folder, as Python would.
    const python = path.join(dir, 'python');
    writeFileSync(python, `#!/bin/sh\necho /opt/cli/lib/botocore/data\n`);
    chmodSync(python, 0o755);
    const cli = path.join(dir, 'aws');
    writeFileSync(cli, `#!${python}\nimport awscli\n`);
    expect(cliModelsDir(cli)).toBe('/opt/cli/lib/botocore/data');
  });

  it("fall back to Debian's folder when the CLI cannot be asked", () => {
    expect(cliModelsDir(path.join(tempDir('cli'), 'no-such-aws'))).toBe(
      '/usr/lib/python3/dist-packages/awscli/botocore/data',
    );
  });
});
