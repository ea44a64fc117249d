export * from './errors/index.js';
export { TermiiModule } from './termii.module.js';
export {
  TERMII_MODULE_OPTIONS,
  TERMII_OPTIONS_TYPE,
  TERMII_ASYNC_OPTIONS_TYPE,
  type TermiiRegistrationExtras,
} from './termii.module-definition.js';
export type {
  TermiiModuleOptions,
  InAppTokenDefaults,
  TokenDefaults,
  MessagingDefaults,
} from './options/termii-module-options.interface.js';
export { DEFAULT_TERMII_BASE_URL } from './options/termii-options.js';
export { PinType } from './common/pin-type.enum.js';
export { InAppTokenService } from './in-app-token/in-app-token.service.js';
export { GenerateInAppTokenDto } from './in-app-token/dto/generate-in-app-token.dto.js';
export { VerifyTokenDto } from './common/verify/verify-token.dto.js';
export { InAppToken } from './in-app-token/responses/in-app-token.js';
export type { TokenVerification, TokenVerificationStatus } from './common/verify/token-verification.js';
export { TokenService } from './token/token.service.js';
export { TokenChannel } from './token/token-channel.enum.js';
export { SendTokenDto } from './token/dto/send-token.dto.js';
export { SendVoiceTokenDto } from './token/dto/send-voice-token.dto.js';
export { VoiceCallDto } from './token/dto/voice-call.dto.js';
export { SendEmailTokenDto } from './token/dto/send-email-token.dto.js';
export { SentToken } from './token/responses/sent-token.js';
export { SentVoiceToken } from './token/responses/sent-voice-token.js';
export { VoiceCall } from './token/responses/voice-call.js';
export { SentEmailToken } from './token/responses/sent-email-token.js';
export { InsightsService } from './insights/insights.service.js';
export type { TermiiBalance } from './insights/responses/termii-balance.js';
export { NumberStatusDto } from './insights/dto/number-status.dto.js';
export { MessageHistoryDto } from './insights/dto/message-history.dto.js';
export type { NumberSearch, NumberDndStatus } from './insights/responses/number-search.js';
export type { NumberStatus } from './insights/responses/number-status.js';
export type { MessageReport } from './insights/responses/message-report.js';
export { TERMII_DIAGNOSTICS_CHANNEL } from './http/termii-diagnostics.js';
export type { TermiiAttemptEvent } from './http/termii-diagnostics.js';
export { getTermiiServiceToken } from './registration/termii-registration.js';
export {
  InjectInAppTokenService,
  InjectInsightsService,
  InjectTokenService,
  InjectMessagingService,
  InjectSenderIdService,
} from './registration/inject-termii.decorators.js';
export { MessagingService } from './messaging/messaging.service.js';
export { MessageChannel } from './messaging/message-channel.enum.js';
export { MessageType } from './messaging/message-type.enum.js';
export { SendMessageDto } from './messaging/dto/send-message.dto.js';
export { SendBulkMessageDto } from './messaging/dto/send-bulk-message.dto.js';
export { SendMessageFromNumberDto } from './messaging/dto/send-message-from-number.dto.js';
export { SendTemplateDto } from './messaging/dto/send-template.dto.js';
export { MAX_MESSAGE_TEXT_LENGTH, type MessageMedia } from './messaging/dto/message-fields.js';
export { SentMessage } from './messaging/responses/sent-message.js';
export type { SentBulkMessage, SentMessageBatch } from './messaging/responses/sent-bulk-message.js';
export { SenderIdService } from './sender-ids/sender-id.service.js';
export { SenderIdStatus } from './sender-ids/sender-id-status.enum.js';
export { ListSenderIdsDto } from './sender-ids/dto/list-sender-ids.dto.js';
export { RequestSenderIdDto } from './sender-ids/dto/request-sender-id.dto.js';
export type { SenderId } from './sender-ids/responses/sender-id.js';
export type { RequestedSenderId } from './sender-ids/responses/requested-sender-id.js';
export { PhonebookService } from './campaigns/phonebook.service.js';
export { ContactService } from './campaigns/contact.service.js';
export { CampaignService } from './campaigns/campaign.service.js';
export { CAMPAIGN_PATHS } from './campaigns/campaigns.paths.js';
export { PhonebookDto } from './campaigns/dto/phonebook.dto.js';
export { AddContactDto } from './campaigns/dto/add-contact.dto.js';
export { MAX_CONTACTS_CSV_BYTES, type UploadContactsInput } from './campaigns/dto/upload-contacts.dto.js';
export { SendCampaignDto, MAX_CAMPAIGN_MESSAGE_LENGTH } from './campaigns/dto/send-campaign.dto.js';
export { TERMII_SCHEDULE_UTC_OFFSET_MINUTES, formatTermiiScheduleTime } from './campaigns/schedule-time.js';
export type { Phonebook } from './campaigns/responses/phonebook.js';
export type { Contact } from './campaigns/responses/contact.js';
export type { Campaign, CampaignRecipient } from './campaigns/responses/campaign.js';
export type { TermiiAcknowledgement, UploadedContacts } from './campaigns/responses/termii-acknowledgement.js';
export {
  InjectPhonebookService,
  InjectContactService,
  InjectCampaignService,
} from './registration/inject-termii.decorators.js';
export { TERMII_LIST_ALL_MAX_PAGES, type TermiiPage } from './common/pages/termii-page.js';
