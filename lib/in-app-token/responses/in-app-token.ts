import { Expose } from 'class-transformer';

/**
 * A PIN Termii generated. Deliver `otp` through your own channel; keep `pinId` to verify what the user types.
 * The `@Expose` names are Termii's wire names in the `data` object of the generate response.
 */
export class InAppToken {
  /** Termii's id of this PIN, needed to verify it. */
  @Expose({ name: 'pin_id', toClassOnly: true })
  pinId!: string;

  /** The PIN itself, as a string (leading zeros kept). Never put it in a log or an HTTP response. */
  @Expose({ name: 'otp', toClassOnly: true })
  otp!: string;

  /** The phone number the PIN is for, as Termii echoed it. */
  @Expose({ name: 'phone_number', toClassOnly: true })
  phoneNumber!: string;

  /** Termii's `phone_number_other` (in practice a sender name such as `"Termii"`), when present. */
  @Expose({ name: 'phone_number_other', toClassOnly: true })
  phoneNumberOther?: string;
}
