import { Logger, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { TermiiWebhooksModule, type TermiiWebhooksModuleOptions } from 'nestjs-termii/webhooks';
import { termiiWebhookSecret } from '../termii/termii-webhook-secret.js';
import { DeliveryReportLog } from './delivery-report.log.js';

/** Where Termii (or the embedded sandbox) posts delivery reports. */
export const DELIVERY_REPORTS_PATH = '/termii/events';

const logger = new Logger('DeliveryReports');

/**
 * `useFactory` of `TermiiWebhooksModule.forRootAsync`: the signing secret from `TERMII_WEBHOOK_SECRET`, or
 * the app's generated one (shared with the embedded sandbox).
 */
export function deliveryReportsOptions(config: ConfigService): TermiiWebhooksModuleOptions {
  const { secret, generated } = termiiWebhookSecret(config);
  if (generated && config.get<string>('TERMII_API_KEY')?.trim()) {
    logger.warn(
      `TERMII_WEBHOOK_SECRET is not set: delivery reports posted to ${DELIVERY_REPORTS_PATH} are refused (401).` +
        ' Set it to the secret of your Termii webhook to receive them.',
    );
  }
  return { secret };
}

/**
 * Termii's signed delivery reports at `POST /termii/events` (the app is created with `rawBody: true`, for
 * the signature), logged by `DeliveryReportLog`. The route is Termii's, not the clients': outside the OTP
 * rate limits (which guard the login routes only) and out of the OpenAPI docs.
 */
@Module({
  imports: [
    TermiiWebhooksModule.forRootAsync({
      path: DELIVERY_REPORTS_PATH,
      decorators: [ApiExcludeController()],
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: deliveryReportsOptions,
    }),
  ],
  providers: [DeliveryReportLog],
})
export class DeliveryReportsModule {}
