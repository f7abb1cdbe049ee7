/**
 * Fills `{contact}`, `{company}`, `{caller}` (and `{client}`) in a campaign's texts: the intro
 * email and the talk track. Unknown placeholders stay as they are.
 */
export interface PlaceholderValues {
  contact: string;
  company: string;
  caller: string;
  client?: string;
}

export function fillPlaceholders(text: string, v: PlaceholderValues): string {
  return text.replace(/\{(contact|company|caller|client)\}/g, (whole, key: keyof PlaceholderValues) => v[key] ?? whole);
}
