/** The outcome of a verify call. Each resolves: none of them is an exception. */
export type TokenVerificationStatus = 'verified' | 'invalid' | 'expired' | 'not_found';

/** What Termii said of a PIN the user typed. */
export interface TokenVerification {
  /** The PIN's id. */
  pinId: string;
  /** `true` only when `status` is `verified`. */
  verified: boolean;
  /**
   * `verified`: the PIN is right (Termii's `"True"`); `invalid`: wrong PIN, an attempt was used;
   * `expired`: attempts used up or time to live passed; `not_found`: Termii does not know the `pinId` (404/422).
   */
  status: TokenVerificationStatus;
  /** The phone number, when Termii sent it. */
  msisdn?: string;
}

/**
 * Maps Termii's verify answer to an outcome, or `undefined` when it is none of the known ones
 * (the caller then raises the error that fits the status).
 */
export function readTokenVerification(status: number, body: unknown, pinId: string): TokenVerification | undefined {
  if (status === 404 || status === 422) return { pinId, verified: false, status: 'not_found' };
  if (!(status >= 200 && status < 300) && status !== 400) return undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const { verified, msisdn, pinId: echoedPinId } = body as Record<string, unknown>;
  const outcome = verificationStatus(verified);
  // Termii answers a used-up or timed-out PIN with 400; any other 400 is an error, not an outcome.
  if (outcome === undefined || (status === 400 && outcome !== 'expired')) return undefined;
  return {
    pinId: typeof echoedPinId === 'string' && echoedPinId !== '' ? echoedPinId : pinId,
    verified: outcome === 'verified',
    status: outcome,
    ...(typeof msisdn === 'string' ? { msisdn } : {}),
  };
}

function verificationStatus(verified: unknown): TokenVerificationStatus | undefined {
  if (verified === true) return 'verified';
  if (verified === false) return 'invalid';
  if (typeof verified !== 'string') return undefined;
  switch (verified.trim().toLowerCase()) {
    case 'true':
      return 'verified';
    case 'false':
      return 'invalid';
    case 'expired':
      return 'expired';
    default:
      return undefined;
  }
}
