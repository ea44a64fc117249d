/** The kind of PIN Termii generates. */
export enum PinType {
  /** Digits only. */
  NUMERIC = 'NUMERIC',
  /** Letters and digits. */
  ALPHANUMERIC = 'ALPHANUMERIC',
}
