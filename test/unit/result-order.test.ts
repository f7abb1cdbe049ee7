import { describe, expect, it } from 'vitest';
import { legalResults, replay, schemeOf } from '../../shared/callflow/index.ts';
import { DEFAULT_SCHEME_ID, getScheme, isDestructive, orderForCall, SCHEMES } from '../../shared/schemes/index.ts';

const ordered = (events: string) => {
  const s = replay(events.split(' ') as never, { campaign: { allowEmailOnlyHns: true, wantsConsultantFollowUp: true } });
  const legal = new Set(legalResults(s));
  return orderForCall(schemeOf(s).codes.filter((c) => legal.has(c.slug))).map((c) => c.slug);
};

describe('the result picker', () => {
  it('offers the likeliest results for the stage of the call first, and destructive ones last', () => {
    expect(ordered('DIAL RECEPTION_ANSWERED HUNG_UP')[0]).toBe('no_contact');
    expect(ordered('DIAL DM_ANSWERED PITCHED HUNG_UP').slice(0, 5)).toEqual(['email_only', 'email_follow_up', 'nurture_email_sent', 'nurture_no_email', 'appointment_booked']);
    expect(ordered('DIAL DM_ANSWERED HUNG_UP')[0]).toBe('not_interested_no_pitch');
    expect(ordered('DIAL DM_ANSWERED HUNG_UP').at(-1)).toBe('remove_from_database');
    expect(ordered('DIAL NO_ANSWER')).toEqual(['no_contact', 'wrong_number', 'duplicate']);
  });

  it('gives no destructive result a key, so that no key is a call step during the call and final after it', () => {
    for (const scheme of SCHEMES) {
      const destructive = scheme.codes.filter(isDestructive);
      for (const c of destructive) expect(c.shortcut, c.slug).toBe('');
    }
    expect(getScheme(DEFAULT_SCHEME_ID).codes.filter(isDestructive).length).toBeGreaterThan(0);
    expect(getScheme(DEFAULT_SCHEME_ID).codes.filter((c) => c.shortcut === 'r')).toEqual([]);
  });
});
