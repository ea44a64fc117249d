/** A sender ID's state at Termii. */
export enum SenderIdStatus {
  /** Approved: messages may be sent from it (older hosts say `unblock`). */
  ACTIVE = 'active',
  /** Requested, waiting for Termii's approval: a send from it is refused (404). */
  PENDING = 'pending',
  /** Refused or withdrawn by Termii (older hosts say `block`). */
  BLOCKED = 'blocked',
}
