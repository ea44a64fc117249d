import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { DEFAULT_TERMII_BASE_URL, type TermiiModuleOptions } from 'nestjs-termii';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
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
 * and points the module at it, so that it runs on a machine with no Termii account. The sandbox signs its
 * delivery reports with the app's webhook secret; `EmbeddedSandboxWebhook` gives it the app's URL once
 * the app listens.
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
  const sandbox = await startTermiiSandbox({ log: true, webhookSecret: termiiWebhookSecret(config).secret });
  embeddedSandboxes.set(config, sandbox);
  logger.warn(
    `TERMII_API_KEY is not set: using the embedded nestjs-termii sandbox at ${sandbox.url}` +
      ` (no Termii account, no real messages; codes are printed in this log). Set TERMII_API_KEY to use Termii.` +
      (baseUrl === undefined ? '' : ' TERMII_BASE_URL is ignored without TERMII_API_KEY.'),
  );
  return { apiKey: EMBEDDED_SANDBOX_API_KEY, baseUrl: sandbox.url };
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
