import { Injectable } from '@nestjs/common';
import type { TokenVerification } from '../common/verify/token-verification.js';
import type { VerifyTokenDto } from '../common/verify/verify-token.dto.js';
import { verifyToken } from '../common/verify/verify-token.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { TermiiOptions } from '../options/termii-options.js';
import { toPlain } from '../validation/dto-mapping.js';
import { validateInput } from '../validation/validate-input.js';
import { completeSendEmailToken, SendEmailTokenDto } from './dto/send-email-token.dto.js';
import { completeSendToken, SendTokenDto } from './dto/send-token.dto.js';
import { completeSendVoiceToken, SendVoiceTokenDto } from './dto/send-voice-token.dto.js';
import { VoiceCallDto } from './dto/voice-call.dto.js';
import { readSentEmailToken, type SentEmailToken } from './responses/sent-email-token.js';
import { readSentToken, type SentToken } from './responses/sent-token.js';
import { readSentVoiceToken, type SentVoiceToken } from './responses/sent-voice-token.js';
import { readVoiceCall, type VoiceCall } from './responses/voice-call.js';
import { TOKEN_PATHS } from './token.paths.js';

/**
 * Termii's Token API, where Termii delivers the code: by SMS (`send`), in a call reading a PIN Termii
 * generates (`sendVoice`) or a code the app chose (`call`), or by email (`sendEmail`); and `verify` for the
 * PINs Termii generated. Inject it by class; replace it in tests with `overrideProvider(TokenService)` or
 * use `TermiiTestingModule`.
 *
 * Every method validates its input before anything is sent, and none is retried once a connection was
 * made: each request may send, and bill, a message.
 */
@Injectable()
export class TokenService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(
    private readonly options: TermiiOptions,
    private readonly client: TermiiHttpClient,
  ) {}

  /**
   * Send Token: Termii generates a PIN and sends it by SMS in `messageText`, in place of the placeholder.
   * Keep `pinId` to `verify` what the user types. Fields left out take the module's `token` defaults; a
   * sender ID must come from the call or from `token.senderId`.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass,
   * e.g. `TermiiInsufficientBalanceError`.
   */
  async send(input: SendTokenDto): Promise<SentToken> {
    const dto = validateInput(SendTokenDto, input);
    const plain: Record<string, unknown> = toPlain(completeSendToken(dto, this.options.token));
    const { pin_type: pinType, ...rest } = plain;
    // The current docs name the field `pin_type`, their sample and every older version `message_type`: both.
    const body = { pin_type: pinType, message_type: pinType, ...rest };
    return this.client.post('send', TOKEN_PATHS.send, body, (response) => readSentToken(response, dto.phoneNumber));
  }

  /**
   * Voice Token: Termii generates a numeric PIN and reads it out in a call to `phoneNumber`. Keep `pinId` to
   * `verify` what the user types. Fields left out take the module's `token` defaults.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async sendVoice(input: SendVoiceTokenDto): Promise<SentVoiceToken> {
    const dto = validateInput(SendVoiceTokenDto, input);
    const body = toPlain(completeSendVoiceToken(dto, this.options.token));
    return this.client.post('sendVoice', TOKEN_PATHS.sendVoice, body, readSentVoiceToken);
  }

  /**
   * Voice Call: Termii reads out the app's own `code` in a call to `phoneNumber`. Termii cannot verify it:
   * the app keeps the code and checks what the user types itself.
   * @throws TermiiValidationError for invalid input, e.g. a code with a leading zero (nothing is sent);
   * otherwise a `TermiiError` subclass.
   */
  async call(input: VoiceCallDto): Promise<VoiceCall> {
    const dto = validateInput(VoiceCallDto, input);
    return this.client.post('call', TOKEN_PATHS.call, toPlain(dto), readVoiceCall);
  }

  /**
   * Email Token: Termii emails the app's own `code` to `emailAddress`. Termii cannot verify it: the app keeps
   * the code and checks what the user types itself. The email configuration must come from the call or from
   * `token.emailConfigurationId`.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async sendEmail(input: SendEmailTokenDto): Promise<SentEmailToken> {
    const dto = validateInput(SendEmailTokenDto, input);
    const body = toPlain(completeSendEmailToken(dto, this.options.token));
    return this.client.post('sendEmail', TOKEN_PATHS.sendEmail, body, readSentEmailToken);
  }

  /**
   * Checks the PIN a user typed, for a `pinId` from `send`, `sendVoice` or `InAppTokenService.generate`.
   * Right, wrong, expired and unknown PINs all resolve (see `status`). The very same verify as
   * `InAppTokenService.verify`.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async verify(input: VerifyTokenDto): Promise<TokenVerification> {
    return verifyToken(this.client, input);
  }
}
