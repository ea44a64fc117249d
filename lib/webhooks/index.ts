export { TermiiWebhooksModule } from './termii-webhooks.module.js';
export {
  DEFAULT_TERMII_WEBHOOK_PATH,
  TERMII_WEBHOOKS_MODULE_OPTIONS,
  TERMII_WEBHOOKS_OPTIONS_TYPE,
  TERMII_WEBHOOKS_ASYNC_OPTIONS_TYPE,
  type TermiiWebhooksRegistrationExtras,
} from './termii-webhooks.module-definition.js';
export type { TermiiWebhooksModuleOptions } from './termii-webhooks-options.js';
export type { TermiiEventReceipt } from './termii-events.controller.js';
export {
  OnTermiiEvent,
  TERMII_EVENT_HANDLER_METADATA,
  type TermiiEventHandlerDecorator,
  type TermiiEventSubscription,
} from './on-termii-event.decorator.js';
export {
  TERMII_EVENT_TYPES,
  TermiiDeliveryReport,
  TermiiInboundMessage,
  TermiiDeviceStatusEvent,
  TermiiUnknownEvent,
  readTermiiEvent,
  type TermiiEvent,
  type TermiiEventOf,
  type TermiiEventType,
} from './events/termii-event.js';
export {
  TERMII_DELIVERY_STATUSES,
  normaliseTermiiStatus,
  type TermiiDeliveryStatus,
} from './events/termii-delivery-status.js';
export {
  signTermiiEvent,
  verifyTermiiSignature,
  DEFAULT_TERMII_SIGNATURE_ALGORITHM,
  DEFAULT_TERMII_SIGNATURE_ENCODING,
  DEFAULT_TERMII_SIGNATURE_HEADER,
  type TermiiSignatureOptions,
  type TermiiSignatureEncoding,
} from './sign-termii-event.js';
export {
  TERMII_STATUS_TEXTS,
  termiiDeliveryReport,
  termiiInboundMessage,
  signedTermiiEvent,
  type TermiiEventPayload,
  type TermiiDeliveryReportInput,
  type TermiiInboundMessageInput,
  type SignedTermiiEvent,
  type SignedTermiiEventOptions,
} from './termii-event-builders.js';
