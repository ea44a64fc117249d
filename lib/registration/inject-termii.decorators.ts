import { Inject } from '@nestjs/common';
import { CampaignService } from '../campaigns/campaign.service.js';
import { ContactService } from '../campaigns/contact.service.js';
import { PhonebookService } from '../campaigns/phonebook.service.js';
import { InAppTokenService } from '../in-app-token/in-app-token.service.js';
import { InsightsService } from '../insights/insights.service.js';
import { MessagingService } from '../messaging/messaging.service.js';
import { SenderIdService } from '../sender-ids/sender-id.service.js';
import { TokenService } from '../token/token.service.js';
import { getTermiiServiceToken } from './termii-registration.js';

/**
 * Injects the `InAppTokenService` of the registration `name` (`TermiiModule.forRoot({ name })`); without a
 * name, the unnamed registration's, as injecting by class does.
 */
export const InjectInAppTokenService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(InAppTokenService, name));

/** Injects the `InsightsService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectInsightsService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(InsightsService, name));

/** Injects the `TokenService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectTokenService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(TokenService, name));

/** Injects the `MessagingService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectMessagingService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(MessagingService, name));

/** Injects the `SenderIdService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectSenderIdService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(SenderIdService, name));

/** Injects the `PhonebookService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectPhonebookService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(PhonebookService, name));

/** Injects the `ContactService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectContactService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(ContactService, name));

/** Injects the `CampaignService` of the registration `name`; without a name, the unnamed registration's. */
export const InjectCampaignService = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getTermiiServiceToken(CampaignService, name));
