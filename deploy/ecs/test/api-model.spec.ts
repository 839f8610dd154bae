import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadModel, modelAvailable, modelFile } from './support/api-model';
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
});
