import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  addDays,
  callEnded,
  callFlowMachine,
  contactLevel,
  legalResults,
  replay,
  validateResult,
  wasBlockedByReception,
  wasPitched,
  type CallEventType,
} from '../../shared/callflow/index.ts';
import { b2bAppointmentSetting, countEffect, findCode, makesExistingLead } from '../../shared/schemes/index.ts';

const NOW = new Date(2026, 10, 23, 10, 0); // Monday 23 November 2026, 10:00 local
const code = (slug: string) => {
  const c = findCode(b2bAppointmentSetting, slug);
  if (!c) throw new Error(`no code ${slug}`);
  return c;
};
const path = (s: string) => s.split(' ') as CallEventType[];
const messages = (problems: { message: string }[]) => problems.map((p) => p.message).join(' | ');

describe('rule 1: reception cannot be "not interested"', () => {
  const s = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'));

  it('offers No Contact and neither kind of Not Interested after reception says no', () => {
    expect(contactLevel(s)).toBe('reception');
    expect(legalResults(s)).toContain('no_contact');
    expect(legalResults(s)).not.toContain('not_interested_no_pitch');
    expect(legalResults(s)).not.toContain('pitched_not_interested');
  });

  it('refuses Not Interested at reception with a message that says to log No Contact', () => {
    const problems = validateResult({ code: 'not_interested_no_pitch', snapshot: s, now: NOW });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('code');
    expect(problems[0]?.message).toMatch(/Only a decision maker/);
    expect(problems[0]?.message).toMatch(/No Contact/);
  });

  it('accepts No Contact for a fresh record that reception blocked', () => {
    expect(validateResult({ code: 'no_contact', snapshot: s, now: NOW })).toEqual([]);
    expect(wasBlockedByReception(s)).toBe(true);
  });
});

describe('rule 2: voicemail level depends on how the DM line was reached', () => {
  it('put through to the DM voicemail is reception level', () => {
    const s = replay(path('DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL'));
    expect(callEnded(s)).toBe(true);
    expect(contactLevel(s)).toBe('reception');
    expect(wasBlockedByReception(s)).toBe(false);
  });

  it('the DM direct line or company voicemail is no contact', () => {
    const s = replay(path('DIAL VOICEMAIL'));
    expect(callEnded(s)).toBe(true);
    expect(contactLevel(s)).toBe('no_contact');
    expect(legalResults(s)).toEqual(['no_contact', 'wrong_number', 'duplicate']);
  });
});

describe('rule 3: DM cut you short before the pitch on a fresh record', () => {
  const s = replay(path('DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP'));

  it('is reception level, not pitched, and only No Contact is legal', () => {
    expect(contactLevel(s)).toBe('reception');
    expect(wasPitched(s)).toBe(false);
    expect(legalResults(s)).toEqual(['no_contact']);
  });

  it('requires a call-back task', () => {
    const missing = validateResult({ code: 'no_contact', snapshot: s, now: NOW });
    expect(missing).toEqual([{ field: 'followUpAt', message: expect.stringMatching(/call-back date/) }]);
    const tomorrow = addDays(NOW, 1);
    expect(validateResult({ code: 'no_contact', snapshot: s, now: NOW, followUpAt: tomorrow })).toEqual([]);
  });

  it('refuses Not Interested - No Pitch for a DM who only said "call back"', () => {
    const problems = validateResult({ code: 'not_interested_no_pitch', snapshot: s, now: NOW });
    expect(messages(problems)).toMatch(/cut you short/);
  });

  it('a No Contact without a cut-short needs no task', () => {
    const blocked = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'));
    expect(validateResult({ code: 'no_contact', snapshot: blocked, now: NOW })).toEqual([]);
  });
});

describe('rule 4: Follow Up only on an existing lead, and always there', () => {
  const lead = { record: { isExistingLead: true } };

  it('refuses Follow Up on a fresh record', () => {
    const s = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'));
    expect(legalResults(s)).not.toContain('follow_up');
    const problems = validateResult({ code: 'follow_up', snapshot: s, now: NOW, followUpAt: addDays(NOW, 2) });
    expect(messages(problems)).toMatch(/only for an existing lead/);
  });

  it.each([
    ['no answer', 'DIAL NO_ANSWER'],
    ['DM voicemail through reception', 'DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL'],
    ['reception says he is out', 'DIAL RECEPTION_ANSWERED HUNG_UP'],
  ])('on a lead, %s must be Follow Up, never No Contact', (_name, events) => {
    const s = replay(path(events), lead);
    expect(legalResults(s)).toContain('follow_up');
    expect(legalResults(s)).not.toContain('no_contact');
    expect(legalResults(s)).not.toContain('email_follow_up');
    expect(legalResults(s)).not.toContain('nurture_email_sent');
    const problems = validateResult({ code: 'no_contact', snapshot: s, now: NOW });
    expect(messages(problems)).toMatch(/existing lead: log Follow Up/);
  });

  it('on a lead, a DM who cannot talk is Follow Up only, with the task rolled forward', () => {
    const s = replay(path('DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP'), lead);
    expect(legalResults(s)).toEqual(['follow_up']);
    expect(messages(validateResult({ code: 'follow_up', snapshot: s, now: NOW }))).toMatch(/needs a follow-up date/);
    expect(validateResult({ code: 'follow_up', snapshot: s, now: NOW, followUpAt: addDays(NOW, 1) })).toEqual([]);
  });

  it("refuses the lead's original code when the DM was not reached", () => {
    const s = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'), lead);
    const problems = validateResult({ code: 'email_follow_up', snapshot: s, now: NOW, followUpAt: addDays(NOW, 7) });
    expect(problems[0]?.field).toBe('code');
  });
});

describe('rule 5: a record counts as a lead once', () => {
  it('counts the first Email Follow Up as a lead and a later Nurture as none', () => {
    expect(countEffect(code('email_follow_up'), false)).toEqual({ newLead: true, appointment: false });
    expect(countEffect(code('nurture_email_sent'), true)).toEqual({ newLead: false, appointment: false });
    expect(countEffect(code('email_only'), true).newLead).toBe(false);
  });

  it('counts appointments as appointments, never as leads', () => {
    expect(countEffect(code('appointment_booked'), false)).toEqual({ newLead: false, appointment: true });
    expect(countEffect(code('appointment_booked'), true)).toEqual({ newLead: false, appointment: true });
  });

  it('makes Email Follow Up and Nurture records existing leads, not Email Only', () => {
    expect(makesExistingLead(code('email_follow_up'))).toBe(true);
    expect(makesExistingLead(code('nurture_no_email'))).toBe(true);
    expect(makesExistingLead(code('email_only'))).toBe(false);
  });

  it('lets a pitched DM on an existing lead be logged Nurture again, rolling the task forward', () => {
    const s = replay(path('DIAL DM_ANSWERED PITCHED HUNG_UP'), { record: { isExistingLead: true } });
    expect(validateResult({ code: 'nurture_no_email', snapshot: s, now: NOW, followUpAt: addDays(NOW, 90) })).toEqual([]);
  });
});

describe('rule 6: Email Follow Up is 3 to 28 days out, Nurture beyond', () => {
  const s = replay(path('DIAL RECEPTION_ANSWERED TRANSFERRED DM_ANSWERED PITCHED HUNG_UP'));
  const check = (slug: string, days: number) =>
    validateResult({ code: slug, snapshot: s, now: NOW, followUpAt: addDays(NOW, days) });

  it('refuses Email Follow Up six weeks out and says to use Nurture', () => {
    const problems = check('email_follow_up', 42);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe('followUpAt');
    expect(problems[0]?.message).toMatch(/42 days out: use Nurture/);
  });

  it('refuses Nurture two weeks out and says to use Email Follow Up', () => {
    expect(messages(check('nurture_email_sent', 14))).toMatch(/use Email Follow Up/);
    expect(messages(check('nurture_no_email', 28))).toMatch(/use Email Follow Up/);
  });

  it('accepts the edges: Email Follow Up at 3 and 28 days, Nurture at 29', () => {
    expect(check('email_follow_up', 3)).toEqual([]);
    expect(check('email_follow_up', 28)).toEqual([]);
    expect(check('nurture_email_sent', 29)).toEqual([]);
  });

  it('counts calendar days: four weeks later at an earlier hour is still 28 days', () => {
    const at = new Date(2026, 11, 21, 8, 0); // Monday four weeks on, 08:00
    expect(validateResult({ code: 'email_follow_up', snapshot: s, now: NOW, followUpAt: at })).toEqual([]);
  });

  it('refuses Email Follow Up for tomorrow, a date in the past, and a missing date', () => {
    expect(messages(check('email_follow_up', 1))).toMatch(/3 to 28 days out; this one is 1 day out/);
    expect(messages(check('email_follow_up', -2))).toMatch(/must be in the future/);
    expect(messages(validateResult({ code: 'email_follow_up', snapshot: s, now: NOW }))).toMatch(/needs a follow-up date/);
  });
});

describe('rule 7: Remove From Database puts the numbers on do-not-call', () => {
  it('is a closed code whose action adds the numbers to the do-not-call list', () => {
    const c = code('remove_from_database');
    expect(c.actions).toContain('add_numbers_to_dnc');
    expect(c.open).toBe(false);
  });

  it('needs somebody to have answered: it cannot be logged on a call that reached no one', () => {
    const s = replay(path('DIAL NO_ANSWER'));
    expect(legalResults(s)).not.toContain('remove_from_database');
    expect(legalResults(replay(path('DIAL RECEPTION_ANSWERED HUNG_UP')))).toContain('remove_from_database');
  });
});

describe('rule 8: an illegal code is refused on the replayed path, whatever the interface showed', () => {
  it('refuses Appointment Booked when the replayed call never reached a pitched DM', () => {
    const s = replay(path('DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL'));
    const problems = validateResult({ code: 'appointment_booked', snapshot: s, now: NOW, appointmentAt: addDays(NOW, 3) });
    expect(problems[0]?.field).toBe('code');
  });

  it('refuses any result while the call is still live', () => {
    const s = replay(path('DIAL DM_ANSWERED PITCHED'));
    expect(legalResults(s)).toEqual([]);
    expect(messages(validateResult({ code: 'email_only', snapshot: s, now: NOW }))).toMatch(/Finish the call first/);
  });

  it('refuses a code the scheme does not have', () => {
    const s = replay(path('DIAL NO_ANSWER'));
    expect(validateResult({ code: 'sale_won', snapshot: s, now: NOW })).toEqual([
      { field: 'code', message: '"sale_won" is not a result code of this campaign.' },
    ]);
  });
});

describe('events that make no sense where the call is change nothing', () => {
  it('ignores PITCHED before a DM answered, and keeps it out of the recorded path', () => {
    const actor = createActor(callFlowMachine, { input: {} }).start();
    actor.send({ type: 'DIAL' });
    actor.send({ type: 'RECEPTION_ANSWERED' });
    const before = actor.getSnapshot();
    actor.send({ type: 'PITCHED' });
    const after = actor.getSnapshot();
    expect(after.value).toBe(before.value);
    expect(after.context).toEqual(before.context);
    expect(wasPitched(after)).toBe(false);
  });

  it('ignores everything after the call ended', () => {
    const s = replay(path('DIAL NO_ANSWER DM_ANSWERED PITCHED HUNG_UP'));
    expect(s.context.path).toEqual(['DIAL', 'NO_ANSWER']);
    expect(contactLevel(s)).toBe('no_contact');
  });

  it('ignores answers before the number was dialled', () => {
    const s = replay(path('DM_ANSWERED PITCHED'));
    expect(s.value).toBe('idle');
    expect(s.context.path).toEqual([]);
  });
});

describe('result data needed on logging', () => {
  const pitched = replay(path('DIAL DM_ANSWERED PITCHED HUNG_UP'), { campaign: { wantsConsultantFollowUp: true } });

  it('Appointment Booked needs a future meeting time and a known kind', () => {
    expect(messages(validateResult({ code: 'appointment_booked', snapshot: pitched, now: NOW }))).toMatch(/meeting date and time/);
    expect(
      validateResult({ code: 'appointment_booked', snapshot: pitched, now: NOW, appointmentAt: addDays(NOW, 5), appointmentKind: 'video' }),
    ).toEqual([]);
    expect(
      messages(validateResult({ code: 'appointment_booked', snapshot: pitched, now: NOW, appointmentAt: addDays(NOW, -1) })),
    ).toMatch(/must be in the future/);
  });

  it('Wants Consultant Follow Up needs its reason', () => {
    expect(messages(validateResult({ code: 'wants_consultant_follow_up', snapshot: pitched, now: NOW }))).toMatch(/needs a reason/);
    expect(validateResult({ code: 'wants_consultant_follow_up', snapshot: pitched, now: NOW, reason: 'complaint' })).toEqual([]);
  });

  it('a closed code takes no follow-up date and no meeting', () => {
    const problems = validateResult({
      code: 'pitched_not_interested',
      snapshot: pitched,
      now: NOW,
      followUpAt: addDays(NOW, 30),
      appointmentAt: addDays(NOW, 3),
    });
    expect(problems.map((p) => p.field)).toEqual(['followUpAt', 'appointmentAt']);
  });

  it('Dead End or Blocked needs two earlier blocked attempts', () => {
    const once = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'), { record: { blockedAttempts: 1 } });
    expect(messages(validateResult({ code: 'dead_end_blocked', snapshot: once, now: NOW }))).toMatch(/at least 2 earlier blocked attempts/);
    const twice = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'), { record: { blockedAttempts: 2 } });
    expect(validateResult({ code: 'dead_end_blocked', snapshot: twice, now: NOW })).toEqual([]);
  });

  it('Email Only - HNS needs the campaign permission', () => {
    const s = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'));
    expect(messages(validateResult({ code: 'email_only_hns', snapshot: s, now: NOW }))).toMatch(/not enabled for this campaign/);
    const allowed = replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'), { campaign: { allowEmailOnlyHns: true } });
    expect(validateResult({ code: 'email_only_hns', snapshot: allowed, now: NOW })).toEqual([]);
  });

  it("a campaign's own Not Qualified variant is legal where Not Qualified is", () => {
    const solar = { campaign: { notQualifiedVariants: [{ slug: 'not_qualified_no_roof', label: 'Not Qualified - No Roof' }] } };
    expect(legalResults(replay(path('DIAL DM_ANSWERED HUNG_UP'), solar))).toContain('not_qualified_no_roof');
    expect(legalResults(replay(path('DIAL RECEPTION_ANSWERED HUNG_UP'), solar))).not.toContain('not_qualified_no_roof');
  });
});
