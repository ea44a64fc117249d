import { phoneKey } from '../termii-outbox.js';

/** A mobile network as the emulator's Insights answer it. */
export interface TermiiNetwork {
  /** The name Termii's answers use, e.g. `Airtel Nigeria`. */
  name: string;
  /** Termii's operator code (Status's `operatorCode`), e.g. `ANG`. */
  operatorCode: string;
  /** The mobile network code (MNC), e.g. `20`. */
  mobileNetworkCode: string;
}

/** Nigeria's mobile country code (MCC): a network's code is the MCC and its MNC, e.g. `62120`. */
export const NIGERIA_MCC = '621';

const MTN: TermiiNetwork = { name: 'MTN Nigeria', operatorCode: 'MTN', mobileNetworkCode: '30' };
const AIRTEL: TermiiNetwork = { name: 'Airtel Nigeria', operatorCode: 'ANG', mobileNetworkCode: '20' };
const GLO: TermiiNetwork = { name: 'Glo Nigeria', operatorCode: 'GLO', mobileNetworkCode: '50' };
const NINE_MOBILE: TermiiNetwork = { name: '9mobile Nigeria', operatorCode: 'EMT', mobileNetworkCode: '60' };

/** The network each Nigerian prefix was issued to (a ported number keeps its prefix on another network). */
const BY_PREFIX: ReadonlyMap<string, TermiiNetwork> = new Map([
  ...['0803', '0806', '0813', '0816', '0810', '0814', '0903', '0906'].map((p) => [p, MTN] as const),
  ...['0802', '0808', '0812', '0701', '0902', '0907', '0901'].map((p) => [p, AIRTEL] as const),
  ...['0805', '0807', '0815', '0811', '0905'].map((p) => [p, GLO] as const),
  ...['0809', '0817', '0818', '0909', '0908'].map((p) => [p, NINE_MOBILE] as const),
]);

/**
 * The network a Nigerian mobile number's prefix says, written `2348031234567` or `08031234567` (any
 * formatting); `undefined` for any other number. A guess, as the emulator has no carrier database: a
 * ported number is guessed by its prefix all the same.
 */
export function nigerianNetworkOf(phoneNumber: string): TermiiNetwork | undefined {
  const digits = phoneKey(phoneNumber);
  let local: string | undefined;
  if (digits.length === 13 && digits.startsWith('234')) local = `0${digits.slice(3)}`;
  else if (digits.length === 11 && digits.startsWith('0')) local = digits;
  return local === undefined ? undefined : BY_PREFIX.get(local.slice(0, 4));
}
