#!/usr/bin/env node
/**
 * `termii-sandbox`: runs the Termii sandbox beside an app, e.g. `npx termii-sandbox --port 4010`.
 * Prints its base URL, logs one line per request (never a key, a code or a body), and stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startTermiiSandbox } from './termii-sandbox.js';

const USAGE = `Usage: termii-sandbox [--port 4010] [--host 127.0.0.1] [--webhook-url URL] [--quiet]

A local stand-in for Termii's Token API and balance endpoint:
  POST /api/sms/otp/generate       In-App Token (returns the PIN; sends nothing, free)
  POST /api/sms/otp/verify         Verify Token (PINs of In-App, Send and Voice Token)
  POST /api/sms/otp/send           Send Token (SMS)
  POST /api/sms/otp/send/voice     Voice Token
  POST /api/sms/otp/call           Voice Call (your code; not verifiable)
  POST /api/email/otp/send         Email Token (your code; not verifiable)
  GET  /api/get-balance?api_key=…  the wallet: { user, balance, currency }
Deliveries are logged with their channel and a masked recipient, never the code. Each one spends from a
wallet of 1000 NGN (SMS 3.9, voice 5, voice call 5, email 1); when it runs out, sends answer
400 "Insufficient balance".
Any non-empty API key is accepted; set TERMII_SANDBOX_API_KEYS (comma-separated) to accept only those.
Point your Termii base URL at the printed URL.

Delivery reports: with --webhook-url (e.g. http://127.0.0.1:3000/termii/events), each SMS, voice and
voice-call delivery is followed by a signed delivery report ("Delivered") POSTed there, as Termii does.
The signing secret comes from the environment variable TERMII_SANDBOX_WEBHOOK_SECRET (required with
--webhook-url; never on the command line, where \`ps\` shows it).
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'webhook-url': { type: 'string' },
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
  const webhookUrl = values['webhook-url'];
  const webhookSecret = process.env['TERMII_SANDBOX_WEBHOOK_SECRET'];
  if (webhookUrl !== undefined && !webhookSecret) {
    process.stderr.write(
      `termii-sandbox: --webhook-url needs TERMII_SANDBOX_WEBHOOK_SECRET in the environment\n\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const sandbox = await startTermiiSandbox({
    port,
    host: values.host,
    log: !values.quiet,
    ...(apiKeys && apiKeys.length > 0 ? { apiKeys } : {}),
    ...(webhookUrl !== undefined ? { webhookUrl, webhookSecret } : {}),
  });
  process.stdout.write(`Termii sandbox listening on ${sandbox.url}\n`);
  if (webhookUrl !== undefined)
    process.stdout.write(`Delivery reports go to ${new URL(webhookUrl).origin}${new URL(webhookUrl).pathname}\n`);
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
