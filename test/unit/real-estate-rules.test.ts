import { describe, expect, it } from 'vitest';
import { flowOfScheme, validateSelection } from '../../shared/callflow/index.ts';
import { findCode, getScheme, isDestructive, parseFields, type FieldInputs } from '../../shared/schemes/index.ts';

const NOW = new Date('2026-11-23T15:00:00Z');
const LATER = '2026-11-26T17:00:00Z';
const PAST = '2026-11-20T17:00:00Z';

/** The problems of logging `codes` with `fields` after a call through `events`, on a campaign of `schemeId`. */
function problems(schemeId: string, events: string, codes: string[], fields: FieldInputs = {}): string[] {
  const flow = flowOfScheme(schemeId);
  const parsed = parseFields(getScheme(schemeId), fields);
  if (parsed.problems.length) return parsed.problems.map((p) => p.message);
  const snapshot = flow.replay(events.split(' '), { schemeId });
  return validateSelection({ flow, snapshot, codes, fields: parsed.values, now: NOW }).map((p) => p.message);
}

const TALKED = 'DIAL ANSWERED HUNG_UP';
const SALES = 'real-estate-sales';
const SHOWING = { appointment_at: LATER, appointment_kind: 'showing' };

describe('Sales & Recruiting: an appointment', () => {
  it('is logged with the ask and the next step, a date, a time and a kind', () => {
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment', 'next_step_created'], SHOWING)).toEqual([]);
  });

  it('implies Asked for Appointment', () => {
    expect(problems(SALES, TALKED, ['appointment_set'], SHOWING)).toEqual([
      'Appointment Set means you asked for the appointment: pick Asked for Appointment as well.',
    ]);
    expect(problems(SALES, TALKED, ['appointment_set', 'no_ask_for_appointment'], SHOWING)).toEqual([
      'Appointment Set means you asked for the appointment: pick Asked for Appointment as well.',
    ]);
  });

  it('needs a date and time and a kind, and the kind is a meeting, never a call', () => {
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment'])).toEqual([
      'Appointment Set needs Appointment date and time (appointment_at).',
      'Appointment Set needs Appointment kind (appointment_kind).',
    ]);
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment'], { appointment_at: LATER, appointment_kind: 'phone_call' })).toEqual([
      'Appointment kind (appointment_kind): must be one of listing_consultation, showing, buyer_consultation, video.',
    ]);
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment'], { appointment_at: PAST, appointment_kind: 'video' })).toEqual([
      'The meeting must be in the future.',
    ]);
  });

  it('is never a follow-up call', () => {
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment', 'call_back_requested'], SHOWING)).toEqual([
      'A follow-up call is never an appointment: Appointment Set is a meeting (listing consultation, showing, buyer consultation or video). For a call back, log Call Back Requested with Appointment Not Set.',
    ]);
  });

  it('contradicts Not Interested', () => {
    expect(problems(SALES, TALKED, ['appointment_set', 'asked_for_appointment', 'not_interested'], SHOWING)).toEqual([
      'Not Interested and Appointment Set contradict each other: pick the one that happened.',
    ]);
  });
});

describe('Sales & Recruiting: a conversation', () => {
  it('says whether the caller asked for an appointment and whether one was set', () => {
    expect(problems(SALES, TALKED, ['call_back_requested'])).toEqual([
      'You spoke to the prospect: pick Appointment Set or Appointment Not Set.',
      'You spoke to the prospect: pick Asked for Appointment or No Ask for Appointment.',
    ]);
    expect(problems(SALES, TALKED, ['appointment_not_set', 'asked_for_appointment', 'call_back_requested'])).toEqual([]);
  });

  it('takes one outcome per dimension', () => {
    expect(problems(SALES, TALKED, ['appointment_not_set', 'no_ask_for_appointment', 'not_interested', 'do_not_call'])).toEqual([
      'Choose one Prospect response outcome, not Not Interested and Do Not Call.',
    ]);
  });

  it('takes a call-back date when one was given, in the future', () => {
    const base = ['appointment_not_set', 'asked_for_appointment', 'call_back_requested'];
    expect(problems(SALES, TALKED, base, { follow_up_at: LATER })).toEqual([]);
    expect(problems(SALES, TALKED, base, { follow_up_at: PAST })).toEqual(['The follow-up date must be in the future.']);
  });

  it('ends with Do Not Call only without a next step', () => {
    expect(problems(SALES, TALKED, ['appointment_not_set', 'no_ask_for_appointment', 'do_not_call'])).toEqual([]);
    expect(problems(SALES, TALKED, ['appointment_not_set', 'asked_for_appointment', 'call_back_requested', 'do_not_call'])).toEqual([
      'Do Not Call means no further contact: it cannot go with Call Back Requested.',
    ]);
    const dnc = findCode(getScheme(SALES), 'do_not_call');
    expect(dnc && isDestructive(dnc)).toBe(true);
    expect(dnc?.actions).toEqual(['add_numbers_to_dnc']);
  });
});

describe('calls that reached nobody, voicemail or the wrong person', () => {
  it('Left Voicemail only when voicemail was reached', () => {
    expect(problems(SALES, 'DIAL VOICEMAIL', ['left_voicemail'])).toEqual([]);
    expect(problems(SALES, TALKED, ['left_voicemail'])).toEqual(['Left Voicemail is only for a call that reached voicemail; this call reached the prospect.']);
    expect(problems(SALES, 'DIAL NO_ANSWER', ['left_voicemail'])).toEqual(['Left Voicemail is only for a call that reached voicemail; this call reached nobody.']);
  });

  it('Wrong Number only when someone other than the prospect (or nobody at a dead number) was reached', () => {
    expect(problems(SALES, 'DIAL ANSWERED WRONG_NUMBER', ['wrong_number'])).toEqual([]);
    expect(problems(SALES, TALKED, ['wrong_number'])).toEqual([
      'Wrong Number is for a call that reached someone other than the prospect, or a dead number; this call reached the prospect.',
    ]);
  });

  it('asks nothing about an appointment when nobody was spoken to', () => {
    expect(problems(SALES, 'DIAL VOICEMAIL', ['appointment_not_set'])).toEqual([
      'Appointment Not Set needs a conversation with the prospect; this call reached voicemail.',
    ]);
    expect(problems(SALES, 'DIAL NO_ANSWER', ['other'])).toEqual([]);
    expect(problems(SALES, 'DIAL NO_ANSWER', [])).toEqual(['Choose a result.']);
  });
});

describe('Customer Service', () => {
  const SERVICE = 'real-estate-service';

  it('logs resolution, follow-up, feedback and referral together, without asking about appointments', () => {
    expect(problems(SERVICE, TALKED, ['issue_resolved', 'negative_feedback', 'vendor_referred'])).toEqual([]);
    expect(problems(SERVICE, TALKED, ['follow_up_requested', 'financial_issues'], { follow_up_at: LATER })).toEqual([]);
    expect(problems(SERVICE, TALKED, ['appointment_set'])).toEqual(['"appointment_set" is not a result code of this campaign.']);
  });

  it('refuses two resolutions at once, and Do Not Call with a follow-up', () => {
    expect(problems(SERVICE, TALKED, ['issue_resolved', 'customer_satisfied'])).toEqual(['Choose one Resolution outcome, not Issue Resolved and Customer Satisfied.']);
    expect(problems(SERVICE, TALKED, ['follow_up_requested', 'do_not_call'])).toEqual([
      'Do Not Call means no further contact: it cannot go with Follow-Up Requested.',
    ]);
  });
});

describe('Non-licensed ISA', () => {
  const ISA = 'real-estate-isa';
  const BASE = ['appointment_not_set', 'asked_for_appointment'];

  it('flags a prohibited topic with the topic or topics and a note', () => {
    expect(problems(ISA, TALKED, [...BASE, 'prohibited_isa_topic'], { topic: ['financing', 'property_value'], notes: 'Asked about rates; I said 6%.' })).toEqual([]);
    expect(problems(ISA, TALKED, [...BASE, 'prohibited_isa_topic'])).toEqual([
      'Prohibited ISA Topic needs Prohibited topic(s) (topic).',
      'Prohibited ISA Topic needs What was said (notes).',
    ]);
    expect(problems(ISA, TALKED, [...BASE, 'prohibited_isa_topic'], { topic: ['gossip'], notes: 'x' })).toEqual([
      expect.stringMatching(/^Prohibited topic\(s\) \(topic\): must be one of property_value, negotiation, offers, /),
    ]);
  });

  it('has no such outcome in the other sets, and its screen shows the fifteen topics and the safe alternatives', () => {
    expect(problems(SALES, TALKED, [...BASE, 'prohibited_isa_topic'])).toEqual(['"prohibited_isa_topic" is not a result code of this campaign.']);
    const guidance = getScheme(ISA).guidance;
    expect(guidance?.items).toHaveLength(15);
    expect(guidance?.items[0]).toEqual({ label: 'Property value or pricing advice', example: 'That home is worth $540k.' });
    expect(guidance?.alternatives).toMatch(/connect the prospect to a licensed agent or lender/);
    expect(getScheme(SALES).guidance).toBeUndefined();
  });
});

describe('the three real-estate schemes', () => {
  it('name each outcome by its label in snake_case, with a key of its own', () => {
    for (const id of [SALES, 'real-estate-service', 'real-estate-isa']) {
      const scheme = getScheme(id);
      for (const c of scheme.codes) expect(c.slug, id).toBe(c.label.toLowerCase().replace(/[^a-z]+/g, '_'));
      const keys = scheme.codes.map((c) => c.shortcut).filter(Boolean);
      expect(new Set(keys).size, id).toBe(keys.length);
      for (const c of scheme.codes) expect(scheme.dimensions?.map((d) => d.key), `${id} ${c.slug}`).toContain(c.dimension);
    }
  });

  it('report contact, ask and appointment rates per caller and campaign; voicemail is not a contact', () => {
    const sales = getScheme(SALES);
    expect(sales.rates.map((r) => r.key)).toEqual(['contact_rate', 'ask_rate', 'appointment_rate']);
    expect(sales.rates[0]).toMatchObject({ numerator: { level: 'answered' }, denominator: {}, per: ['caller', 'campaign'] });
    expect(getScheme('real-estate-isa').timesheet.map((t) => t.column)).toContain('prohibited_topics');
  });
});
