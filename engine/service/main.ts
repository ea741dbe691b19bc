#!/usr/bin/env node
/**
 * biomatch server entry: `npm start` (built) or `npm run dev` (tsx).
 * Exit codes: 0 after a graceful stop, 2 for bad configuration, 1 when it cannot start.
 */
import { ConfigError, loadConfig, usage } from './config.js';
import { createLogger, describeCause } from './logger.js';
import { startService } from './app.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(usage());
  process.exit(0);
}

let config;
try {
  config = loadConfig(argv, process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`biomatch: ${e.message}\n\n${usage()}`);
    process.exit(2);
  }
  throw e;
}

const log = createLogger(config.logLevel);
process.on('uncaughtException', (e) => { log.error('uncaught exception', describeCause(e)); });
process.on('unhandledRejection', (e) => { log.error('unhandled rejection', describeCause(e)); });

try {
  const service = await startService(config, { log });
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      service.shutdown(signal).then(() => process.exit(0), (e: unknown) => { log.error('shutdown failed', describeCause(e)); process.exit(1); });
    });
  }
} catch (e) {
  log.error('cannot start', { reason: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
