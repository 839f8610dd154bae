import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ConfigError, loadEnv, ToBoolean, ToInt } from './load-env';

class SampleEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  @ToBoolean() @IsBoolean() MIGRATE = true;
  @IsOptional() @IsString() ENDPOINT?: string;
}

describe(loadEnv.name, () => {
  it('keeps the defaults when variables are unset or empty', () => {
    expect(loadEnv(SampleEnv, { PORT: '', OTHER: 'x' })).toEqual({ PORT: 8080, MIGRATE: true });
  });

  it('parses integers and Go/Spring-style booleans', () => {
    expect(loadEnv(SampleEnv, { PORT: '9000', MIGRATE: 'F', ENDPOINT: 'db:3306' })).toEqual({
      PORT: 9000,
      MIGRATE: false,
      ENDPOINT: 'db:3306',
    });
    for (const yes of ['1', 't', 'TRUE', 'True'])
      expect(loadEnv(SampleEnv, { MIGRATE: yes }).MIGRATE).toBe(true);
  });

  it('throws one ConfigError line naming every bad variable and what it expects', () => {
    const error = (() => {
      try {
        loadEnv(SampleEnv, { PORT: '80a', MIGRATE: 'maybe' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(
      /^Invalid configuration: PORT must be an integer number; MIGRATE must be a boolean value$/,
    );
  });

  it('rejects out-of-range numbers', () => {
    expect(() => loadEnv(SampleEnv, { PORT: '70000' })).toThrow(
      'PORT must not be greater than 65535',
    );
  });
});
