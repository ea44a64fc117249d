#!/usr/bin/env node
/**
 * `termii-sandbox`: runs the Termii sandbox beside an app, e.g. `npx termii-sandbox --port 4010`.
 * Prints its base URL, logs one line per request (never a key or a body), and stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startTermiiSandbox } from './termii-sandbox.js';

const USAGE = `Usage: termii-sandbox [--port 4010] [--host 127.0.0.1] [--quiet]

A local stand-in for Termii's In-App Token API (POST /api/sms/otp/generate and /api/sms/otp/verify).
Any non-empty API key is accepted; set TERMII_SANDBOX_API_KEYS (comma-separated) to accept only those.
Point your Termii base URL at the printed URL.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`termii-sandbox: --port must be an integer from 0 to 65535\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // Keys come from the environment, not the command line, where `ps` would show them to everyone.
  const apiKeys = process.env['TERMII_SANDBOX_API_KEYS']
    ?.split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const sandbox = await startTermiiSandbox({
    port,
    host: values.host,
    log: !values.quiet,
    ...(apiKeys && apiKeys.length > 0 ? { apiKeys } : {}),
  });
  process.stdout.write(`Termii sandbox listening on ${sandbox.url}\n`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`termii-sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
