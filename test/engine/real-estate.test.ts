import { describe, expect, it } from 'vitest';
import { callerFigures, callerRates, logCall, undoLog, type DB } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const AT = new Date('2026-11-23T16:00:00Z'); // Monday 11:00 in New York
const LATER = '2026-11-26T17:00:00Z';

async function estate(schemeId: string, n = 2): Promise<{ db: DB; ids: number[] }> {
  const { db } = tempDb();
  const c = campaign(db, { schemeId });
  const ids = await seed(db, c, Array.from({ length: n }, (_, i) => ({ company: '', phone: us(i + 1) })));
  return { db, ids };
}

const outcomesOf = (db: DB, callId: number) => db.prepare('SELECT slug FROM call_outcomes WHERE call_id = ? ORDER BY slug').pluck().all(callId);
const call = (db: DB, callId: number) =>
  db.prepare('SELECT result, contact_level AS level, appointment, fields, flags, scheme_id AS scheme FROM calls WHERE id = ?').get(callId) as {
    result: string; level: string; appointment: number; fields: string; flags: string; scheme: string;
  };

describe('a real-estate call logged with several outcomes', () => {
  it('stores every chosen outcome, the first as the result, the fields, and books the meeting of its kind', async () => {
    const { db, ids } = await estate('real-estate-sales');
    const r = logCall(db, {
      recordId: ids[0] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT,
      results: ['next_step_created', 'asked_for_appointment', 'appointment_set'],
      fields: { appointment_at: LATER, appointment_kind: 'listing_consultation' },
    });
    expect(r).toMatchObject({ status: 'closed', contactLevel: 'answered', appointment: true });
    expect(outcomesOf(db, r.callId)).toEqual(['appointment_set', 'asked_for_appointment', 'next_step_created']);
    // The result is the first chosen outcome in the scheme's order, whatever order they were given in.
    expect(call(db, r.callId)).toMatchObject({ result: 'appointment_set', level: 'answered', appointment: 1, scheme: 'real-estate-sales' });
    expect(JSON.parse(call(db, r.callId).fields)).toEqual({ appointment_at: LATER.replace('Z', '.000Z'), appointment_kind: 'listing_consultation' });
    expect(db.prepare('SELECT at, kind FROM appointments WHERE call_id = ?').get(r.callId)).toEqual({ at: LATER.replace('Z', '.000Z'), kind: 'listing_consultation' });
  });

  it('keeps the record with a call back on the date given, and takes everything back on undo', async () => {
    const { db, ids } = await estate('real-estate-sales');
    const r = logCall(db, {
      recordId: ids[0] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT,
      results: ['appointment_not_set', 'asked_for_appointment', 'call_back_requested'], fields: { follow_up_at: LATER },
    });
    expect(r).toMatchObject({ status: 'open', appointment: false, taskDueAt: LATER.replace('Z', '.000Z') });
    undoLog(db, { callId: r.callId, caller: 'Rae', at: AT });
    expect(db.prepare('SELECT count(*) FROM call_outcomes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(0);
  });

  it('puts the record’s numbers on the do-not-call list for Do Not Call, also when the wrong person asks', async () => {
    const { db, ids } = await estate('real-estate-sales');
    const r = logCall(db, { recordId: ids[1] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'WRONG_NUMBER'], at: AT, results: ['do_not_call'] });
    expect(r).toMatchObject({ status: 'closed', contactLevel: 'wrong_number', numbersAddedToDnc: 1 });
    expect(db.prepare('SELECT e164 FROM dnc').pluck().all()).toEqual(['+12015550102']);
    expect(() => logCall(db, { recordId: ids[0] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'WRONG_NUMBER'], at: AT, results: ['wrong_number', 'do_not_call'] })).toThrow(
      'Choose one Prospect response outcome, not Wrong Number and Do Not Call.',
    );
  });

  it('refuses a selection the scheme forbids, in its words, and writes nothing', async () => {
    const { db, ids } = await estate('real-estate-sales');
    expect(() =>
      logCall(db, {
        recordId: ids[0] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT,
        results: ['appointment_set', 'no_ask_for_appointment'], fields: { appointment_at: LATER, appointment_kind: 'showing' },
      }),
    ).toThrow('Appointment Set means you asked for the appointment: pick Asked for Appointment as well.');
    expect(() => logCall(db, { recordId: ids[0] ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT, result: 'left_voicemail' })).toThrow(
      'Left Voicemail is only for a call that reached voicemail; this call reached the prospect.',
    );
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM appointments').pluck().get()).toBe(0);
  });
});

describe('an ISA call flagged with a prohibited topic', () => {
  it('stores the flag, the topics and the note', async () => {
    const { db, ids } = await estate('real-estate-isa');
    const r = logCall(db, {
      recordId: ids[0] ?? 0, caller: 'Isa', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT,
      results: ['appointment_not_set', 'no_ask_for_appointment', 'prohibited_isa_topic'],
      fields: { topic: ['financing', 'property_value'], notes: 'Quoted today’s rates.' },
    });
    expect(JSON.parse(call(db, r.callId).flags)).toMatchObject({ prohibited_isa_topic: true });
    expect(JSON.parse(call(db, r.callId).fields)).toEqual({ topic: ['financing', 'property_value'], notes: 'Quoted today’s rates.' });
  });
});

describe('the caller figures of a real-estate campaign', () => {
  it('count only calls the prospect answered as contacts: not a voicemail, not the wrong person', async () => {
    const { db, ids } = await estate('real-estate-sales', 3);
    const [a = 0, b = 0, c = 0] = ids;
    logCall(db, { recordId: a, caller: 'Rae', events: ['DIAL', 'VOICEMAIL'], at: AT, results: ['left_voicemail'] });
    logCall(db, { recordId: b, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'WRONG_NUMBER'], at: AT, results: ['wrong_number'] });
    logCall(db, { recordId: c, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT, results: ['appointment_not_set', 'asked_for_appointment'] });
    const [rae] = callerFigures(db, { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York' });
    expect(rae).toMatchObject({ caller: 'Rae', dials: 3, contacts: 1 });
  });

  it('have the scheme’s own rates per caller (contact, ask, appointment), not the DM and pitch rates', async () => {
    const { db, ids } = await estate('real-estate-sales', 3);
    const [a = 0, b = 0, c = 0] = ids;
    logCall(db, { recordId: a, caller: 'Rae', events: ['DIAL', 'VOICEMAIL'], at: AT, results: ['left_voicemail'] });
    logCall(db, { recordId: b, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT, results: ['appointment_not_set', 'asked_for_appointment'] });
    logCall(db, {
      recordId: c, caller: 'Ray', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: AT,
      results: ['appointment_set', 'asked_for_appointment'], fields: { appointment_at: LATER, appointment_kind: 'listing_consultation' },
    });
    const day = { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York' };
    const rates = callerRates(db, day);
    expect(rates.columns.map((c) => c.label)).toEqual(['Contact rate', 'Ask rate', 'Appointment rate']);
    expect(rates.callers).toEqual([
      { caller: 'Rae', rates: { contact_rate: 50, ask_rate: 100, appointment_rate: 0 } },
      { caller: 'Ray', rates: { contact_rate: 100, ask_rate: 100, appointment_rate: 100 } },
    ]);
    // A campaign without calls in the range still shows its scheme's columns.
    expect(callerRates(db, { ...day, from: '2026-11-24', to: '2026-11-24', campaignId: 1 }).columns.map((c) => c.key)).toEqual(['contact_rate', 'ask_rate', 'appointment_rate']);
  });
});
