/**
 * Base class of every error this package throws. Catch it to handle any Termii failure at once.
 *
 * No error of this package keeps the API key, a request body or an `AxiosError` (which would carry both).
 */
export class TermiiError extends Error {
  override name = 'TermiiError';

  constructor(message: string) {
    super(message);
  }
}

/** The module options are invalid. Thrown at application start-up; names the field, never its value. */
export class TermiiConfigError extends TermiiError {
  override name = 'TermiiConfigError';

  constructor(
    /** The option at fault, e.g. `baseUrl` or `inAppToken.pinLength`. */
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid Termii option "${field}": ${reason}`);
  }
}

/** One invalid property of a call's input and what is wrong with it. */
export interface TermiiValidationIssue {
  /** The property name as the caller wrote it (camelCase), e.g. `phoneNumber`. */
  property: string;
  /** Every rule it breaks, in words. */
  messages: string[];
}

/** A call's input broke a rule. Nothing was sent to Termii. */
export class TermiiValidationError extends TermiiError {
  override name = 'TermiiValidationError';

  constructor(
    /** Every invalid property, each with all of its messages. */
    readonly issues: TermiiValidationIssue[],
  ) {
    super(`Invalid Termii input: ${issues.map((i) => `${i.property}: ${i.messages.join('; ')}`).join(' | ')}`);
  }
}
