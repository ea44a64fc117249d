/**
 * How an SMS is encoded. Left out of a call, it is chosen from the text: `unicode` when a character is
 * outside the GSM 03.38 alphabet (an emoji, a Yoruba tone mark), else `plain`.
 */
export enum MessageType {
  /** GSM-7: 160 characters for one page, 153 a page beyond. */
  PLAIN = 'plain',
  /** UCS-2: 70 characters for one page, 67 a page beyond; anything a phone can show. */
  UNICODE = 'unicode',
}
