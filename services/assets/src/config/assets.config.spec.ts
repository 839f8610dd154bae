import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@retail/service-kit';
import { getMetadataStorage } from 'class-validator';
import { AssetsEnv, loadConfig } from './assets.config';

const APP_DIR = path.join(__dirname, '..', '..');

describe(loadConfig.name, () => {
  it('defaults to port 8080, level info, no tracing and public/assets beside the app', () => {
    expect(loadConfig({}, APP_DIR)).toEqual({
      port: 8080,
      logLevel: 'info',
      assetsDir: path.join(APP_DIR, 'public', 'assets'),
      tracing: expect.objectContaining({ enabled: false, serviceName: 'assets' }),
    });
  });

  it('reads PORT and LOG_LEVEL, and resolves a relative ASSETS_DIR from the working directory', () => {
    const relative = path.relative(process.cwd(), path.join(APP_DIR, 'src'));
    expect(
      loadConfig({ PORT: '8084', LOG_LEVEL: 'warn', ASSETS_DIR: relative }, APP_DIR),
    ).toMatchObject({ port: 8084, logLevel: 'warn', assetsDir: path.join(APP_DIR, 'src') });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', ASSETS_DIR: '' }, APP_DIR)).toMatchObject({
      port: 8080,
      assetsDir: path.join(APP_DIR, 'public', 'assets'),
    });
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }, APP_DIR)).toThrow(
      /^Invalid configuration: PORT .*; LOG_LEVEL /,
    );
    expect(() => loadConfig({ PORT: '70000' }, APP_DIR)).toThrow(ConfigError);
  });

  it('refuses an ASSETS_DIR that is missing or a file, naming it', () => {
    const missing = path.join(APP_DIR, 'no-such-folder');
    expect(() => loadConfig({ ASSETS_DIR: missing }, APP_DIR)).toThrow(
      new ConfigError(`Invalid configuration: ASSETS_DIR ${missing} is not a folder`),
    );
    expect(() => loadConfig({ ASSETS_DIR: path.join(APP_DIR, 'project.json') }, APP_DIR)).toThrow(
      ConfigError,
    );
  });
});

describe('README', () => {
  it('documents exactly the variables AssetsEnv reads', () => {
    const readme = readFileSync(path.join(APP_DIR, 'README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Environment')) ?? '';
    const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]).sort();
    const read = [
      ...new Set(
        getMetadataStorage()
          .getTargetValidationMetadatas(AssetsEnv, '', false, false)
          .map((m) => m.propertyName),
      ),
    ].sort();
    expect(documented).toEqual(read);
  });
});
