import { describe, expect, it } from '@jest/globals';
import { TermiiConfigError } from '../../lib/errors/index.js';
import { signTermiiEvent, verifyTermiiSignature } from '../../lib/webhooks/index.js';

const BODY = '{"type":"outbound","message_id":"1"}';
// Computed outside Node, with `printf '%s' "$BODY" | openssl dgst -sha512 -hmac secret-key` (and -binary | base64).
const OPENSSL_HEX =
  'c44e514ba79c227a26b07cec41025f8c9008f4a79dda38a931356bdfdbb725092f44ec62040dd8ae4a9548bace48edd547f3f08e3718c0095fb4108c44fe73b5';
const OPENSSL_BASE64 = 'xE5RS6ecInomsHzsQQJfjJAI9Ked2jipMTVr39u3JQkvROxiBA3YrkqVSLrOSO3VR/PwjjcYwAlftBCMRP5ztQ==';
const OPENSSL_SHA256_HEX = '6897b54af87472f41358063ea80df37afb8ae7f9654121c564d281d009050180';

describe('signTermiiEvent', () => {
  it('is the lowercase hex HMAC-SHA512 of the raw bytes by default (as openssl computes it)', () => {
    expect(signTermiiEvent(BODY, 'secret-key')).toBe(OPENSSL_HEX);
    expect(signTermiiEvent(Buffer.from(BODY), 'secret-key')).toBe(OPENSSL_HEX);
  });

  it('takes the algorithm and the encoding as options', () => {
    expect(signTermiiEvent(BODY, 'secret-key', { encoding: 'base64' })).toBe(OPENSSL_BASE64);
    expect(signTermiiEvent(BODY, 'secret-key', { algorithm: 'sha256' })).toBe(OPENSSL_SHA256_HEX);
  });

  it('refuses an empty secret, an unknown hash and an unknown encoding, naming the option', () => {
    expect(() => signTermiiEvent(BODY, '')).toThrow(TermiiConfigError);
    expect(() => signTermiiEvent(BODY, 'k', { algorithm: 'md42' })).toThrow(/"algorithm"/);
    expect(() => signTermiiEvent(BODY, 'k', { encoding: 'latin1' as never })).toThrow(/"encoding"/);
  });
});

describe('verifyTermiiSignature', () => {
  it('accepts exactly the computed string', () => {
    expect(verifyTermiiSignature(BODY, OPENSSL_HEX, 'secret-key')).toBe(true);
    expect(verifyTermiiSignature(BODY, OPENSSL_BASE64, 'secret-key', { encoding: 'base64' })).toBe(true);
  });

  it.each([
    ['uppercase hex', OPENSSL_HEX.toUpperCase()],
    ['a trailing space', `${OPENSSL_HEX} `],
    ['a truncated digest', OPENSSL_HEX.slice(0, 64)],
    ['the digest twice', OPENSSL_HEX + OPENSSL_HEX],
    ['an empty string', ''],
    ['a "sha512=" prefix', `sha512=${OPENSSL_HEX}`],
    ['base64 where hex is expected', OPENSSL_BASE64],
  ])('rejects %s', (_name, signature) => {
    expect(verifyTermiiSignature(BODY, signature, 'secret-key')).toBe(false);
  });

  it('rejects a missing or repeated header, another secret and another body', () => {
    expect(verifyTermiiSignature(BODY, undefined, 'secret-key')).toBe(false);
    expect(verifyTermiiSignature(BODY, [OPENSSL_HEX, OPENSSL_HEX], 'secret-key')).toBe(false);
    expect(verifyTermiiSignature(BODY, OPENSSL_HEX, 'secret-kez')).toBe(false);
    expect(verifyTermiiSignature(`${BODY} `, OPENSSL_HEX, 'secret-key')).toBe(false);
  });

  it('with a list of secrets (a rotation), accepts a signature made with any one of them and no other', () => {
    expect(verifyTermiiSignature(BODY, OPENSSL_HEX, ['new-secret', 'secret-key'])).toBe(true);
    expect(verifyTermiiSignature(BODY, OPENSSL_HEX, ['secret-key', 'new-secret'])).toBe(true);
    expect(verifyTermiiSignature(BODY, OPENSSL_HEX, ['new-secret', 'secret-kez'])).toBe(false);
    expect(verifyTermiiSignature(BODY, undefined, ['new-secret', 'secret-key'])).toBe(false);
    expect(verifyTermiiSignature(BODY, OPENSSL_BASE64, ['x', 'secret-key'], { encoding: 'base64' })).toBe(true);
  });

  it('refuses an empty list or an empty secret in it, naming the option', () => {
    expect(() => verifyTermiiSignature(BODY, OPENSSL_HEX, [])).toThrow(/secret/);
    expect(() => verifyTermiiSignature(BODY, OPENSSL_HEX, ['secret-key', ''])).toThrow(/secret/);
  });
});
