import { z } from 'zod';

const address = z.email().max(254);

/**
 * The one address an email goes to: the first valid address in a record's email field, or
 * null. Lists put several addresses in one cell ("a@x.example, b@y.example"), display names
 * ("Jo Smith <jo@x.example>") or junk there; only a plain address (letters, digits and
 * `_ ' + - .` before the @, a host name after it) is ever used, so no separator, quote or
 * `?cc=` from the field can add a recipient.
 */
export function firstEmail(field: string): string | null {
  for (const part of field.slice(0, 2000).split(/[\s,;]+/)) {
    const candidate = part.replace(/^<(.*)>$/, '$1');
    if (address.safeParse(candidate).success) return candidate;
  }
  return null;
}

/** A mailto: URL to exactly one address (none when the record has no valid one). */
export function mailtoUrl(to: string | null, subject: string, body: string): string {
  const recipient = to === null ? '' : encodeURIComponent(to).replace(/%40/g, '@');
  return `mailto:${recipient}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
