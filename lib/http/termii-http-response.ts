/** An HTTP answer from Termii, whatever its status, with the body parsed when it is JSON. */
export interface TermiiHttpResponse {
  status: number;
  /** The parsed JSON body, or `undefined` when the body was empty or not JSON. */
  body: unknown;
  /** Whether the body parsed as JSON. */
  isJson: boolean;
  /** The `Retry-After` header, when there was one. */
  retryAfter?: string;
}
