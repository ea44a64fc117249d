/**
 * Base class of every error this package throws. Catch it to handle any Termii failure at once.
 *
 * No error of this package keeps the API key, a request body or an `AxiosError` (which would carry both).
 */
export class TermiiError extends Error {
  /** The error's class name, `TermiiError`: kept when the error is serialized or logged. */
  override name = 'TermiiError';

  constructor(message: string) {
    super(message);
  }

  /**
   * Whether the request may have been carried out at Termii — a message sent, and billed — despite the
   * error: what decides if trying again could send it twice. Each subclass knows: `false` for input and
   * options refused before anything was sent, a connection never made, a 4xx refusal or "Insufficient
   * balance"; `true` for a connection that failed or timed out after the request went out, a 5xx (a proxy
   * or Termii failing part-way), and a 2xx whose body could not be read. `true` here, where nothing is known.
   */
  get mayHaveReachedTermii(): boolean {
    return true;
  }
}

/** The module options are invalid. Thrown at application start-up; names the field, never its value. */
export class TermiiConfigError extends TermiiError {
  /** The error's class name, `TermiiConfigError`: kept when the error is serialized or logged. */
  override name = 'TermiiConfigError';

  constructor(
    /** The option at fault, e.g. `baseUrl` or `inAppToken.pinLength`. */
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid Termii option "${field}": ${reason}`);
  }

  /** `false`: the options were refused at start-up, before any request. */
  override get mayHaveReachedTermii(): boolean {
    return false;
  }
}

/** One invalid property of a call's input and what is wrong with it. */
export interface TermiiValidationIssue {
  /** The property name as the caller wrote it (camelCase), e.g. `phoneNumber`. */
  property: string;
  /** Every rule it breaks, in words. */
  messages: string[];
}

const MAX_PROPERTY_LENGTH = 64;
const MAX_ISSUE_MESSAGE_LENGTH = 200;
const MAX_LISTED_ISSUES = 10;

/** One line of bounded length: control and line-separator characters escaped, then shortened with `…`. */
function oneLine(text: string, max: number): string {
  const escaped = text.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/** A call's input broke a rule. Nothing was sent to Termii. */
export class TermiiValidationError extends TermiiError {
  /** The error's class name, `TermiiValidationError`: kept when the error is serialized or logged. */
  override name = 'TermiiValidationError';
  /**
   * Every invalid property, each with all of its messages. Unknown property names come from the caller's
   * input (often a client's request body), so each name is kept to one line of at most 64 characters.
   */
  readonly issues: TermiiValidationIssue[];

  constructor(issues: TermiiValidationIssue[]) {
    const safe = issues.map(({ property, messages }) => {
      const name = oneLine(property, MAX_PROPERTY_LENGTH);
      return {
        property: name,
        messages: messages.map((m) => oneLine(m.split(property).join(name), MAX_ISSUE_MESSAGE_LENGTH)),
      };
    });
    const listed = safe.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.property}: ${i.messages.join('; ')}`);
    if (safe.length > MAX_LISTED_ISSUES) listed.push(`and ${safe.length - MAX_LISTED_ISSUES} more`);
    super(`Invalid Termii input: ${listed.join(' | ')}`);
    this.issues = safe;
  }

  /** `false`: the input was refused before anything was sent. */
  override get mayHaveReachedTermii(): boolean {
    return false;
  }
}
