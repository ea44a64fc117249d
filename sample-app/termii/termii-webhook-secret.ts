import type { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';

/** The secret generated for each app without `TERMII_WEBHOOK_SECRET`, keyed by that app's `ConfigService`. */
const generatedSecrets = new WeakMap<ConfigService, string>();

/** The secret delivery reports are signed with, and whether the app made it up. */
export interface TermiiWebhookSecret {
  secret: string;
  /** `true` when `TERMII_WEBHOOK_SECRET` is unset: a random secret, new at each start, known to this app only. */
  generated: boolean;
}

/**
 * The signing secret of Termii's delivery reports: `TERMII_WEBHOOK_SECRET`, or else a random one made once
 * per app — which the embedded sandbox is given, so that its signed reports reach the app, and which
 * nobody else knows, so that with a real Termii every event is refused (401) until the variable is set.
 */
export function termiiWebhookSecret(config: ConfigService): TermiiWebhookSecret {
  const configured = config.get<string>('TERMII_WEBHOOK_SECRET')?.trim();
  if (configured) return { secret: configured, generated: false };
  let secret = generatedSecrets.get(config);
  if (secret === undefined) {
    secret = randomBytes(32).toString('hex');
    generatedSecrets.set(config, secret);
  }
  return { secret, generated: true };
}
