/**
 * Termii's message id of an answer (or of one row of a list) as text: `message_id_str` first, else
 * `message_id`. Ids have 19–25 digits, beyond a safe JavaScript integer: the client parses answers with
 * `parseJsonKeepingLongIntegers`, so a bare JSON number arrives here as its digits exactly as written; a
 * number that did reach here is exact only when it is a safe integer, and is otherwise left out.
 */
export function messageIdOf(fields: Record<string, unknown>): string | undefined {
  for (const value of [fields['message_id_str'], fields['message_id']]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  }
  return undefined;
}
