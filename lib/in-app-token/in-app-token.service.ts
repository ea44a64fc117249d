import { Injectable } from '@nestjs/common';
import type { TokenVerification } from '../common/verify/token-verification.js';
import type { VerifyTokenDto } from '../common/verify/verify-token.dto.js';
import { verifyToken } from '../common/verify/verify-token.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import type { TermiiHttpResponse } from '../http/termii-http-response.js';
import { TermiiOptions } from '../options/termii-options.js';
import { toExposedInstance, toPlain } from '../validation/dto-mapping.js';
import { validateInput } from '../validation/validate-input.js';
import { GenerateInAppTokenDto } from './dto/generate-in-app-token.dto.js';
import { IN_APP_TOKEN_PATHS } from './in-app-token.paths.js';
import { InAppToken } from './responses/in-app-token.js';

/**
 * Generates and verifies Termii In-App tokens. Inject it by class; replace it in tests with
 * `overrideProvider(InAppTokenService)` or use `TermiiTestingModule`.
 */
@Injectable()
export class InAppTokenService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(
    private readonly options: TermiiOptions,
    private readonly client: TermiiHttpClient,
  ) {}

  /**
   * Asks Termii for a PIN for `input.phoneNumber`. Termii sends nothing to the phone: deliver `otp` yourself.
   * Fields left out take the module's `inAppToken` defaults.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async generate(input: GenerateInAppTokenDto): Promise<InAppToken> {
    const dto = validateInput(GenerateInAppTokenDto, input);
    const defaults = this.options.inAppToken;
    // Built in Termii's documented field order, with the module defaults for what the call left out.
    const request = Object.assign(new GenerateInAppTokenDto(), {
      pinType: dto.pinType ?? defaults.pinType,
      phoneNumber: dto.phoneNumber,
      pinAttempts: dto.pinAttempts ?? defaults.pinAttempts,
      pinTimeToLive: dto.pinTimeToLive ?? defaults.pinTimeToLive,
      pinLength: dto.pinLength ?? defaults.pinLength,
    });
    return this.client.post('generate', IN_APP_TOKEN_PATHS.generate, toPlain(request), (response) =>
      readInAppToken(response, dto.phoneNumber),
    );
  }

  /**
   * Checks the PIN a user typed. Right, wrong, expired and unknown PINs all resolve (see `status`).
   * The very same verify as `TokenService.verify`.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async verify(input: VerifyTokenDto): Promise<TokenVerification> {
    return verifyToken(this.client, input);
  }
}

/** The token in a 2xx generate answer, or `undefined` when the body is not the documented shape. */
function readInAppToken({ status, body }: TermiiHttpResponse, requestedPhoneNumber: string): InAppToken | undefined {
  if (status < 200 || status >= 300 || body === null || typeof body !== 'object') return undefined;
  const data = (body as { data?: unknown }).data;
  if (data === null || typeof data !== 'object') return undefined;
  const token = toExposedInstance(InAppToken, data as Record<string, unknown>);
  if (!isNonEmptyString(token.pinId) || !isNonEmptyString(token.otp)) return undefined;
  if (!isNonEmptyString(token.phoneNumber)) token.phoneNumber = requestedPhoneNumber;
  if (token.phoneNumberOther !== undefined && typeof token.phoneNumberOther !== 'string') return undefined;
  if (token.phoneNumberOther === undefined) delete token.phoneNumberOther;
  return token;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
