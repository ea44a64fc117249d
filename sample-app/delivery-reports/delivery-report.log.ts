import { Injectable, Logger } from '@nestjs/common';
import { OnTermiiEvent, type TermiiDeliveryReport } from 'nestjs-termii/webhooks';
import { maskPhoneNumber } from '../auth/otp-delivery-channel.js';

/** The outcomes that mean the user got the code, or may still get it. */
const REACHED = new Set(['delivered', 'sent']);

/**
 * Logs the outcome Termii reports for each code it sent by SMS or voice (`OTP_CHANNEL=sms` or `voice`):
 * `Delivery report: message 5964… to 234*******743 delivered ("Delivered")`, as a warning when the code did not
 * reach the phone. Never the message text, which holds the code, nor the whole number.
 */
@Injectable()
export class DeliveryReportLog {
  private readonly logger = new Logger('DeliveryReports');

  @OnTermiiEvent('outbound')
  onDeliveryReport(report: TermiiDeliveryReport): void {
    const line =
      `Delivery report: message ${report.messageId} to ${maskPhoneNumber(report.receiver)} ${report.status}` +
      ` (${JSON.stringify(report.rawStatus)})`;
    if (REACHED.has(report.status)) this.logger.log(line);
    else this.logger.warn(line);
  }
}
