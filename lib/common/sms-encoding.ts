/**
 * GSM 03.38's default alphabet (the basic set, without the escape character), as SMS carries it in 7 bits:
 * the characters a `plain` SMS can hold without being mangled.
 */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38's extension table: each is sent as an escape plus itself, so it takes two of a page's septets. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

/** How an SMS is encoded: GSM-7 (`plain`, 160 characters a page) or UCS-2 (`unicode`, 70 a page). */
export type SmsEncoding = 'gsm7' | 'unicode';

/** Characters (GSM-7 septets, or UTF-16 units for unicode) in one page, and in each page of a longer message. */
export const SMS_PAGE_SIZES: Readonly<Record<SmsEncoding, { single: number; multipart: number }>> = Object.freeze({
  gsm7: Object.freeze({ single: 160, multipart: 153 }),
  unicode: Object.freeze({ single: 70, multipart: 67 }),
});

/**
 * `gsm7` when every character of `text` is in the GSM 03.38 alphabet (basic set or extension table), else
 * `unicode`: an emoji or a Yoruba tone mark (ẹ, ọ́) sent as `plain` would arrive mangled.
 */
export function smsEncodingOf(text: string): SmsEncoding {
  for (const character of text) {
    if (!GSM7_BASIC.has(character) && !GSM7_EXTENSION.has(character)) return 'unicode';
  }
  return 'gsm7';
}

/**
 * How long `text` is in `encoding`'s units: GSM-7 septets (an extension character counts 2; a character
 * outside the alphabet, forced into `plain`, counts 1 as a carrier's replacement would), or UTF-16 code
 * units for unicode (an emoji outside the BMP counts 2), as carriers count them.
 */
export function smsLength(text: string, encoding: SmsEncoding = smsEncodingOf(text)): number {
  if (encoding === 'unicode') return text.length;
  let septets = 0;
  for (const character of text) septets += GSM7_EXTENSION.has(character) ? 2 : 1;
  return septets;
}

/**
 * The pages (SMS parts) `text` is sent and billed as: one up to 160 GSM-7 septets (70 unicode units), else
 * one per 153 (67) — the rest of each page carries the header that joins the parts. An empty text is one page.
 */
export function smsPageCount(text: string, encoding: SmsEncoding = smsEncodingOf(text)): number {
  const length = smsLength(text, encoding);
  const { single, multipart } = SMS_PAGE_SIZES[encoding];
  return length <= single ? 1 : Math.ceil(length / multipart);
}
