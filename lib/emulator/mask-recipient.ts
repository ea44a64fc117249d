/**
 * A recipient as a log line may show it: `2348109477743` → `234*******743`, `ada@example.com` →
 * `a***@example.com`. Enough to tell recipients apart, not enough to reach one.
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.length <= 6) return '*'.repeat(recipient.length);
  return `${recipient.slice(0, 3)}${'*'.repeat(recipient.length - 6)}${recipient.slice(-3)}`;
}
