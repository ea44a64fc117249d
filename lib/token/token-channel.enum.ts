/** The route by which Termii sends a Send Token SMS. */
export enum TokenChannel {
  /** Termii's DND route: also reaches numbers with Do-Not-Disturb on. The route for one-time passwords. */
  DND = 'dnd',
  /** The generic (promotional) route: it does not reach numbers with DND on. */
  GENERIC = 'generic',
}
