import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('defaults: 127.0.0.1:50051, ./data, one worker per CPU, wasm, 64 MiB messages', () => {
    const c = loadConfig([], {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 50051, dataDir: './data', poolSize: availableParallelism(), tfBackend: 'wasm', maxMessageBytes: 64 * 1024 * 1024, maxQueue: availableParallelism() * 16 });
  });

  it('environment variables, then flags (flags win)', () => {
    const c = loadConfig(['--port', '6000', '--data-dir=/var/lib/biomatch'], { BIOMATCH_PORT: '5000', BIOMATCH_HOST: '0.0.0.0', BIOMATCH_POOL_SIZE: '3', BIOMATCH_TF_BACKEND: 'cpu' });
    expect(c).toMatchObject({ host: '0.0.0.0', port: 6000, dataDir: '/var/lib/biomatch', poolSize: 3, maxQueue: 48, tfBackend: 'cpu' });
  });

  it('refuses bad values, naming each one', () => {
    let error: unknown;
    try {
      loadConfig(['--port', '70000', '--tf-backend', 'cuda', '--frobnicate'], { BIOMATCH_POOL_SIZE: 'two', BIOMATCH_MAX_MESSAGE_MB: '0' });
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('--port="70000": must be a whole number from 0 to 65535');
    expect(problems).toContain('--tf-backend="cuda": must be one of wasm, cpu, tensorflow');
    expect(problems).toContain('--frobnicate: unknown option');
    expect(problems).toContain('BIOMATCH_POOL_SIZE="two"');
    expect(problems).toContain('BIOMATCH_MAX_MESSAGE_MB="0"');
  });

  it('a flag without its value is an error', () => {
    expect(() => loadConfig(['--port'], {})).toThrow(/--port: needs a value/);
  });
});
