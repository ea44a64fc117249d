import type { TermiiHttpClient } from '../../http/termii-http.client.js';
// Verify Token's path stays with In-App Token's paths, where the emulator reads it.
import { IN_APP_TOKEN_PATHS } from '../../in-app-token/in-app-token.paths.js';
import { toPlain } from '../../validation/dto-mapping.js';
import { validateInput } from '../../validation/validate-input.js';
import { readTokenVerification, type TokenVerification } from './token-verification.js';
import { VerifyTokenDto } from './verify-token.dto.js';

/**
 * The one verify behind `TokenService.verify` and `InAppTokenService.verify`: validates the input, posts
 * Verify Token, and reads Termii's answer (`readTokenVerification` decides what each answer means).
 * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
 */
export async function verifyToken(client: TermiiHttpClient, input: VerifyTokenDto): Promise<TokenVerification> {
  const dto = validateInput(VerifyTokenDto, input);
  return client.post('verify', IN_APP_TOKEN_PATHS.verify, toPlain(dto), ({ status, body }) =>
    readTokenVerification(status, body, dto.pinId),
  );
}
