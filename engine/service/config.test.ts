import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ConfigError, OPTIONS, isLoopback, loadConfig } from './config.js';

describe('config', () => {
  it('defaults: 127.0.0.1:50051, ./data, one worker per CPU, wasm, 64 MiB messages', () => {
    const c = loadConfig([], {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 50051, dataDir: './data', poolSize: availableParallelism(), tfBackend: 'wasm', maxMessageBytes: 64 * 1024 * 1024, maxQueue: availableParallelism() * 16 });
  });

  it('environment variables, then flags (flags win)', () => {
    const c = loadConfig(['--port', '6000', '--data-dir=/var/lib/biomatch'], { BIOMATCH_PORT: '5000', BIOMATCH_HOST: '0.0.0.0', BIOMATCH_INSECURE: 'true', BIOMATCH_POOL_SIZE: '3', BIOMATCH_TF_BACKEND: 'cpu' });
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

  describe('TLS flags', () => {
    it('default: plain text on loopback, agency field O, no client CA', () => {
      expect(loadConfig([], {})).toMatchObject({ tlsCert: '', tlsKey: '', tlsClientCa: '', tlsAgencyField: 'O', tlsAgencyMap: '', insecure: false });
      for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]']) expect(isLoopback(host)).toBe(true);
      for (const host of ['0.0.0.0', '::', '10.0.0.1', 'biomatch.example.org', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
    });

    it('plain text on a non-loopback address needs --insecure (a switch; or BIOMATCH_INSECURE)', () => {
      expect(() => loadConfig(['--host', '0.0.0.0'], {})).toThrow(/--host 0\.0\.0\.0: refusing plain text \(no TLS\) on a non-loopback address; give --tls-cert and --tls-key, or --insecure/);
      expect(() => loadConfig([], { BIOMATCH_HOST: '10.1.2.3' })).toThrow(/--insecure/);
      expect(loadConfig(['--insecure', '--host', '0.0.0.0'], {})).toMatchObject({ host: '0.0.0.0', insecure: true });
      expect(loadConfig(['--host', '0.0.0.0'], { BIOMATCH_INSECURE: '1' }).insecure).toBe(true);
      expect(() => loadConfig(['--host', '0.0.0.0'], { BIOMATCH_INSECURE: 'false' })).toThrow(/--insecure/);
      expect(() => loadConfig([], { BIOMATCH_INSECURE: 'maybe' })).toThrow(/BIOMATCH_INSECURE="maybe": must be true or false/);
    });

    it('files that cannot be read stop the start, naming the flag and the path', () => {
      const e = configError(['--tls-cert', '/nonexistent/server.crt', '--tls-key', '/nonexistent/server.key', '--tls-client-ca', '/nonexistent/ca.crt', '--tls-agency-map', '/nonexistent/map.json']);
      expect(e).toContain('--tls-cert /nonexistent/server.crt: cannot read (ENOENT)');
      expect(e).toContain('--tls-key /nonexistent/server.key: cannot read (ENOENT)');
      expect(e).toContain('--tls-client-ca /nonexistent/ca.crt: cannot read (ENOENT)');
      expect(e).toContain('--tls-agency-map /nonexistent/map.json: cannot read (ENOENT)');
      expect(configError([], { BIOMATCH_TLS_CERT: '/nonexistent/c', BIOMATCH_TLS_KEY: '/nonexistent/k' })).toContain('--tls-cert /nonexistent/c: cannot read');
    });

    it('flags that need one another say which', () => {
      expect(configError(['--tls-cert', 'x.crt'])).toContain('--tls-cert: needs --tls-key');
      expect(configError(['--tls-key', 'x.key'])).toContain('--tls-key: needs --tls-cert');
      expect(configError(['--tls-client-ca', 'ca.crt'])).toContain('--tls-client-ca: needs --tls-cert and --tls-key');
      expect(configError(['--tls-agency-field', 'OU'])).toContain('--tls-agency-field: applies only with --tls-client-ca');
      expect(configError(['--tls-cert', 'c', '--tls-key', 'k', '--tls-agency-map', 'm.json'])).toContain('--tls-agency-map: applies only with --tls-client-ca');
      expect(configError(['--tls-agency-field', 'OU', '--tls-agency-map', 'm.json'])).toContain('--tls-agency-field and --tls-agency-map: give one way');
      expect(configError(['--tls-agency-field', 'O=x'])).toContain('--tls-agency-field="O=x": must be a subject field name');
      expect(configError(['--tls-cert', ''])).toContain('--tls-cert="": must name a file');
    });
  });
});

function configError(argv: string[], env: Record<string, string> = {}): string {
  try {
    loadConfig(argv, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems.join('\n');
  }
  throw new Error('expected a configuration error');
}

describe('docs/configuration.md', () => {
  const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

  it('lists every flag and its environment variable, so the user document cannot fall behind the code', () => {
    const missing = OPTIONS.filter((o) => !doc.includes(`\`${o.flag}\``) || !doc.includes(`\`${o.env}\``)).map((o) => o.flag);
    expect(missing).toEqual([]);
  });

  it('gives the code\'s default wherever its default column is one number (the TL threshold\'s had fallen behind)', () => {
    const rows = doc.split('\n');
    const defaults = loadConfig([], {});
    const checked: string[] = [];
    for (const o of OPTIONS) {
      const row = rows.find((l) => l.startsWith(`| \`${o.flag}\``));
      const cell = /^`(-?\d+(?:\.\d+)?)`$/.exec(row?.split('|')[3]?.trim() ?? '');
      if (!cell) continue;
      // 0 in the code means "the engine's own default", which the document names (--ef-search, --shortlist).
      if (defaults[o.key] === 0 && cell[1] !== '0') continue;
      // The documented value read as the flag reads it (so --max-message-mb's MiB become bytes).
      expect(`${o.flag} ${String(o.parse(cell[1]))}`).toBe(`${o.flag} ${String(defaults[o.key])}`);
      checked.push(o.flag);
    }
    expect(checked).toContain('--reverse-search-min-score');
    expect(checked).toContain('--max-message-mb');
    expect(checked.length).toBeGreaterThan(10);
  });
});
