import { z } from 'zod';
import { envBoolean, serviceEnvironmentShape } from '../environment-fields';
import { EnvironmentError, loadEnvironment, parseEnvironment } from '../load-environment';

const schema = z.object({ ...serviceEnvironmentShape(4001), FEATURE_ON: envBoolean(false) });

describe('parseEnvironment', () => {
  it('fills every default so a service starts with no variables set', () => {
    const env = parseEnvironment(schema, {});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 4001,
      LOG_FORMAT: 'json',
      MONGO_ALLOW_DOWNLOAD: false,
      FEATURE_ON: false,
    });
    expect(env.MONGO_URL).toBeUndefined();
  });

  it('coerces and accepts good values', () => {
    const env = parseEnvironment(schema, {
      PORT: '5000',
      MONGO_URL: 'mongodb://db.internal:27017',
      FEATURE_ON: 'Yes',
      MONGO_ALLOW_DOWNLOAD: '1',
    });
    expect(env.PORT).toBe(5000);
    expect(env.MONGO_URL).toBe('mongodb://db.internal:27017');
    expect(env.FEATURE_ON).toBe(true);
    expect(env.MONGO_ALLOW_DOWNLOAD).toBe(true);
  });

  it('names every bad variable at once, with what was expected and what it got', () => {
    let caught: unknown;
    try {
      parseEnvironment(schema, { PORT: 'eighty', MONGO_URL: 'http://wrong', FEATURE_ON: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvironmentError);
    const problems = (caught as EnvironmentError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/port.*got "eighty"/);
    expect(problems.find((p) => p.startsWith('MONGO_URL:'))).toMatch(
      /mongodb.*got "http:\/\/wrong"/,
    );
    expect(problems.find((p) => p.startsWith('FEATURE_ON:'))).toMatch(/boolean.*got "maybe"/);
  });

  it('rejects a port out of range', () => {
    expect(() => parseEnvironment(schema, { PORT: '70000' })).toThrow(
      /PORT: expected a port from 0 to 65535/,
    );
  });
});

describe('loadEnvironment', () => {
  it('writes one JSON line naming the variables and exits with EX_CONFIG', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const written: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string) => {
      written.push(chunk);
      return true;
    }) as never);
    try {
      expect(() => loadEnvironment('auth', schema, { PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(
        'exit 78',
      );
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
    expect(written).toHaveLength(1);
    const line = JSON.parse(written[0]!);
    expect(line).toMatchObject({ level: 'fatal', service: 'auth' });
    expect(line.msg).toMatch(/PORT:/);
    expect(line.msg).toMatch(/LOG_LEVEL:/);
  });
});
