import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { DEFAULT_TERMII_BASE_URL, type TermiiModuleOptions } from 'nestjs-termii';
import { startTermiiSandbox, type TermiiSandbox, type TermiiSandboxOptions } from 'nestjs-termii/sandbox';
import { listenPort } from '../config/listen-port.js';
import { DELIVERY_REPORTS_PATH } from '../delivery-reports/delivery-reports.module.js';
import { termiiWebhookSecret } from './termii-webhook-secret.js';

const logger = new Logger('Termii');

/** The key the app sends to its embedded sandbox, which accepts any non-empty key. */
const EMBEDDED_SANDBOX_API_KEY = 'embedded-sandbox';

/** The sandbox each app without `TERMII_API_KEY` started, keyed by that app's `ConfigService`. */
const embeddedSandboxes = new WeakMap<ConfigService, TermiiSandbox>();

/**
 * `useFactory` of `TermiiModule.forRootAsync`: Termii's options from `TERMII_API_KEY` and `TERMII_BASE_URL`.
 *
 * Without `TERMII_API_KEY` (and outside production), the app starts the nestjs-termii sandbox in-process
 * and points the module at it, so that it runs on a machine with no Termii account.
 */
export async function termiiOptionsFactory(config: ConfigService): Promise<TermiiModuleOptions> {
  const apiKey = config.get<string>('TERMII_API_KEY')?.trim();
  const baseUrl = config.get<string>('TERMII_BASE_URL')?.trim() || undefined;
  if (apiKey) {
    logger.log(`Using Termii at ${originOf(baseUrl ?? DEFAULT_TERMII_BASE_URL)} (TERMII_API_KEY is set)`);
    return { apiKey, ...(baseUrl === undefined ? {} : { baseUrl }) };
  }
  if (config.get<string>('NODE_ENV') === 'production') {
    // Never let a missing secret turn a production login into a demo that accepts codes from a log.
    throw new Error(
      'TERMII_API_KEY is required when NODE_ENV=production (the embedded sandbox is for development only)',
    );
  }
  const { reports, reportsLine } = embeddedDeliveryReports(config);
  const sandbox = await startTermiiSandbox({ log: true, ...reports });
  embeddedSandboxes.set(config, sandbox);
  logger.warn(
    `TERMII_API_KEY is not set: using the embedded nestjs-termii sandbox at ${sandbox.url}` +
      ` (no Termii account, no real messages; codes are printed in this log). Set TERMII_API_KEY to use Termii.` +
      (baseUrl === undefined ? '' : ' TERMII_BASE_URL is ignored without TERMII_API_KEY.'),
  );
  logger.log(reportsLine);
  return { apiKey: EMBEDDED_SANDBOX_API_KEY, baseUrl: sandbox.url };
}

/**
 * Where the embedded sandbox posts the delivery report of each SMS or voice code: to this app's own
 * `POST /termii/events`, on the port it will listen on (`PORT`, known before it listens), signed with the
 * app's webhook secret. With `PORT=0` the port is picked only when the app listens, after the sandbox has
 * started: no reports then.
 */
function embeddedDeliveryReports(config: ConfigService): {
  reports: Pick<TermiiSandboxOptions, 'webhookUrl' | 'webhookSecret'>;
  reportsLine: string;
} {
  const port = listenPort(config);
  if (port === 0) {
    return {
      reports: {},
      reportsLine: 'The embedded sandbox sends no delivery reports: PORT=0 picks the port too late for it to know',
    };
  }
  const webhookUrl = `http://127.0.0.1:${port}${DELIVERY_REPORTS_PATH}`;
  return {
    reports: { webhookUrl, webhookSecret: termiiWebhookSecret(config).secret },
    reportsLine: `The embedded sandbox posts a signed delivery report of each SMS or voice code to ${webhookUrl}`,
  };
}

/**
 * The embedded sandbox of the app whose `ConfigService` this is, or `undefined` when the app talks to Termii
 * (or to a `TermiiTestingModule`). Only there can the app read a code that Termii delivered (its outbox).
 */
export function embeddedTermiiSandbox(config: ConfigService): TermiiSandbox | undefined {
  return embeddedSandboxes.get(config);
}

/** Stops the embedded sandbox of the app whose `ConfigService` this is, if it started one. */
export async function stopEmbeddedTermiiSandbox(config: ConfigService): Promise<void> {
  const sandbox = embeddedSandboxes.get(config);
  embeddedSandboxes.delete(config);
  await sandbox?.close();
}

/** Only the origin of a URL reaches the log; an unparsable one is reported by TermiiModule at start-up. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured TERMII_BASE_URL';
  }
}
