export { TermiiEmulator, type TermiiEmulatorOptions } from './termii-emulator.js';
export { TermiiEmulatorHandle } from './termii-emulator-handle.js';
export type { TermiiEmulatorRequest, TermiiEmulatorResponse, TermiiEmulatorReply } from './termii-emulator-exchange.js';
export { TermiiFaults, type TermiiFault, type TermiiFaultOptions } from './termii-fault.js';
export { TERMII_EMULATOR_PATHS, type TermiiOperationPath } from './termii-paths.js';
export type { TermiiIssuedPin, TermiiPinChannel } from './token/issued-pin.js';
export type {
  TermiiDeliveryChannel,
  TermiiDeliveryListener,
  TermiiOutboxMedia,
  TermiiOutboxMessage,
  TermiiOutboxTemplate,
} from './outbox-message.js';
export type { TermiiRecordedRequest } from './recorded-request.js';
export type { TermiiPinType, TermiiSmsChannel } from './token/token-request-rules.js';
export type { TermiiDndList } from './insights/dnd-list.js';
export type { TermiiPortedNumbers } from './insights/ported-numbers.js';
export {
  DEFAULT_TERMII_BALANCE,
  DEFAULT_TERMII_CURRENCY,
  DEFAULT_TERMII_PRICES,
  type TermiiPrices,
} from './termii-wallet.js';
export {
  TermiiEventSender,
  TermiiEventDeliveryError,
  type TermiiEventSenderOptions,
  type TermiiEventSendOptions,
  type TermiiEventDelivery,
} from './termii-event-sender.js';
export {
  TermiiDeliveryReporter,
  TERMII_DELIVERY_OUTCOMES,
  type TermiiDeliveryOutcome,
  type TermiiDeliveryReportOptions,
  type TermiiDeliveryReporterLogging,
  type TermiiNextDeliveryOptions,
  type TermiiWebhookDelivery,
} from './termii-delivery-reporter.js';
export type {
  TermiiSenderIdEntry,
  TermiiSenderIdRegistry,
  TermiiSenderIdSeed,
  TermiiSenderIdStatus,
} from './sender-ids/sender-id-registry.js';
export type { TermiiEmulatorCall, TermiiEmulatorRoute, TermiiHttpMethod } from './emulator-route.js';
