/** The route by which Termii delivers a message (`MessagingService.send`). */
export enum MessageChannel {
  /** Termii's DND (transactional) route: also reaches numbers with Do-Not-Disturb on; activated by Termii support. */
  DND = 'dnd',
  /** The generic (promotional) route: blocked for numbers with DND on (and, on MTN Nigeria, 8 PM–8 AM WAT). */
  GENERIC = 'generic',
  /** WhatsApp, from the device named in `from`; the only channel that takes `media`. */
  WHATSAPP = 'whatsapp',
  /** A call that reads the text out (sent with Termii's `type: "voice"`, without which it is not delivered). */
  VOICE = 'voice',
}
