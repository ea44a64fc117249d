import { jsonAnswer } from '../emulator-route.js';
import type { TermiiEmulatorState } from '../emulator-state.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { phoneKey } from '../termii-outbox.js';
import { NIGERIA_MCC, nigerianNetworkOf } from './nigerian-networks.js';

/** Search's status text for a number on the DND list. */
export const DND_BLACKLISTED_STATUS = 'DND blacklisted';
/** Search's status text for a number not on it. */
export const DND_NOT_ACTIVE_STATUS = 'DND not active on phone number';
/** The network name answered for a number whose network the emulator cannot guess. */
export const UNKNOWN_NETWORK = 'Unknown';

/** Calling code and mobile country code (MCC) of a few countries, for Status's `countryDetail`. */
const COUNTRIES: Readonly<Record<string, { countryCode: string; mobileCountryCode: string }>> = {
  NG: { countryCode: '234', mobileCountryCode: NIGERIA_MCC },
  GH: { countryCode: '233', mobileCountryCode: '620' },
  KE: { countryCode: '254', mobileCountryCode: '639' },
  ZA: { countryCode: '27', mobileCountryCode: '655' },
  GB: { countryCode: '44', mobileCountryCode: '234' },
  US: { countryCode: '1', mobileCountryCode: '310' },
};

/** The `phone_number` query parameter as digits, or a 400 answer when it has none. */
function phoneNumberOf(query: URLSearchParams): string | TermiiEmulatorResponse {
  const number = phoneKey(query.get('phone_number') ?? '');
  return number === '' ? jsonAnswer(400, { message: 'phone_number is required' }) : number;
}

/**
 * Search (`GET /api/check/dnd`): the DND list's word on the number, and the network its Nigerian prefix says
 * (`Unknown`, without a code, for any other number), in Termii's documented shape.
 */
export function searchNumberAnswer(state: TermiiEmulatorState, query: URLSearchParams): TermiiEmulatorResponse {
  const number = phoneNumberOf(query);
  if (typeof number !== 'string') return number;
  const network = nigerianNetworkOf(number);
  return jsonAnswer(200, {
    number,
    status: state.dnd.has(number) ? DND_BLACKLISTED_STATUS : DND_NOT_ACTIVE_STATUS,
    network: network?.name ?? UNKNOWN_NETWORK,
    ...(network ? { network_code: `${NIGERIA_MCC}${network.mobileNetworkCode}` } : {}),
  });
}

/**
 * Status (`GET /api/insight/number/query`): Termii's documented `{ result: [{ routeDetail, countryDetail,
 * operatorDetail, status }] }` for any number, `ported` as the test set it (`setPorted`), the operator
 * guessed from a Nigerian prefix when the country is `NG`.
 */
export function numberStatusAnswer(state: TermiiEmulatorState, query: URLSearchParams): TermiiEmulatorResponse {
  const number = phoneNumberOf(query);
  if (typeof number !== 'string') return number;
  const iso = (query.get('country_code') ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(iso)) {
    return jsonAnswer(400, { message: 'country_code must be a two-letter ISO country code, e.g. NG' });
  }
  const network = iso === 'NG' ? nigerianNetworkOf(number) : undefined;
  return jsonAnswer(200, {
    result: [
      {
        routeDetail: { number, ported: state.ported.has(number) ? 1 : 0 },
        countryDetail: { ...COUNTRIES[iso], iso },
        operatorDetail: network
          ? {
              operatorCode: network.operatorCode,
              operatorName: network.name,
              mobileNumberCode: network.mobileNetworkCode,
              lineType: 'Mobile',
            }
          : { operatorName: UNKNOWN_NETWORK, lineType: 'Unknown' },
        status: 200,
      },
    ],
  });
}
