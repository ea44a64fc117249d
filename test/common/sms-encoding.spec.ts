import { describe, expect, it } from '@jest/globals';
import { SMS_PAGE_SIZES, smsEncodingOf, smsLength, smsPageCount } from '../../lib/common/sms-encoding.js';

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

describe('smsEncodingOf', () => {
  it('is gsm7 for every character of the basic set and of the extension table', () => {
    expect(smsEncodingOf(GSM7_BASIC)).toBe('gsm7');
    expect(smsEncodingOf(GSM7_EXTENSION)).toBe('gsm7');
    expect(smsEncodingOf('')).toBe('gsm7');
  });

  it.each([
    ['an emoji', 'Your order is here 🎉'],
    ['a Yoruba tone mark', 'Ẹ ku àárọ̀'],
    ['a lower-case ç (only Ç is in the basic set)', 'garçon'],
    ['a tab', 'a\tb'],
    ['a curly apostrophe', 'it’s'],
    ['Cyrillic', 'Привет'],
  ])('is unicode for %s', (_name, text) => {
    expect(smsEncodingOf(text)).toBe('unicode');
  });
});

describe('smsLength', () => {
  it('counts an extension character as 2 septets, a basic one as 1', () => {
    expect(smsLength('abc')).toBe(3);
    expect(smsLength('€')).toBe(2);
    expect(smsLength(GSM7_EXTENSION)).toBe(2 * [...GSM7_EXTENSION].length);
  });

  it('counts UTF-16 units in unicode: an emoji outside the BMP is 2', () => {
    expect(smsLength('🎉')).toBe(2);
    expect(smsLength('ẹ')).toBe(1);
  });

  it('counts a character forced into gsm7 as 1, as a carrier’s replacement would', () => {
    expect(smsLength('🎉a', 'gsm7')).toBe(2);
  });
});

describe('smsPageCount', () => {
  it('has the carriers’ page sizes', () => {
    expect(SMS_PAGE_SIZES).toEqual({ gsm7: { single: 160, multipart: 153 }, unicode: { single: 70, multipart: 67 } });
  });

  it.each([
    ['an empty text', '', 1],
    ['160 GSM-7 characters', 'a'.repeat(160), 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 2],
    ['306 GSM-7 characters', 'a'.repeat(306), 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 3],
    ['80 euro signs (160 septets)', '€'.repeat(80), 1],
    ['81 euro signs (162 septets)', '€'.repeat(81), 2],
    ['70 unicode characters', 'ẹ'.repeat(70), 1],
    ['71 unicode characters', 'ẹ'.repeat(71), 2],
    ['134 unicode characters', 'ẹ'.repeat(134), 2],
    ['135 unicode characters', 'ẹ'.repeat(135), 3],
    ['35 emoji (70 units)', '🎉'.repeat(35), 1],
    ['36 emoji (72 units)', '🎉'.repeat(36), 2],
    ['159 GSM-7 characters and one emoji (unicode: 161 units)', `${'a'.repeat(159)}🎉`, 3],
  ])('%s → %i page(s)', (_name, text, pages) => {
    expect(smsPageCount(text)).toBe(pages);
  });

  it('takes the encoding it is given: a GSM-7 text billed as unicode', () => {
    expect(smsPageCount('a'.repeat(100), 'unicode')).toBe(2);
    expect(smsPageCount('a'.repeat(100), 'gsm7')).toBe(1);
  });
});
