import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../electron/engine/api.ts';
import { dailyTrend, logCall, outcomeMix, shiftTotals, startShift } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const at = (minutes: number) => new Date(Date.parse('2026-11-23T15:00:00Z') + minutes * 60_000); // Monday 10:00 in New York
const DAY = { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York', now: at(480) };

/** One shift of Rae's with two real-estate calls (several outcomes each) and a B2B call. */
async function mixedShift() {
  const { db } = tempDb();
  const estate = campaign(db, { name: 'Homes', schemeId: 'real-estate-sales' });
  const b2b = campaign(db, { name: 'Solar' });
  const [h1 = 0, h2 = 0] = await seed(db, estate, [{ company: '', phone: us(1) }, { company: '', phone: us(2) }]);
  const [s1 = 0] = await seed(db, b2b, [{ company: 'Sun', phone: us(3) }]);
  startShift(db, 'Rae', at(0));
  logCall(db, {
    recordId: h1, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: at(10),
    results: ['next_step_created', 'asked_for_appointment', 'appointment_set'],
    fields: { appointment_at: '2026-11-26T17:00:00Z', appointment_kind: 'listing_consultation' },
  });
  logCall(db, {
    recordId: h2, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: at(20),
    results: ['appointment_not_set', 'asked_for_appointment', 'call_back_requested'], fields: { follow_up_at: '2026-11-26T17:00:00Z' },
  });
  logCall(db, { recordId: s1, caller: 'Rae', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: at(30) });
  return { db, estate, b2b };
}

describe('shift totals and the outcome mix over calls of schemes with and without dimensions', () => {
  it('count every chosen outcome of a real-estate call beside a B2B call in the same shift', async () => {
    const { db } = await mixedShift();
    const [row, ...more] = shiftTotals(db, DAY);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      caller: 'Rae', dials: 3, contacts: 2, asks: 2, next_steps: 1, appointments: 1, voicemails_left: 0, reception_contacts: 0,
      result_next_step_created: 1, result_asked_for_appointment: 2, result_appointment_set: 1, result_appointment_not_set: 1,
      result_call_back_requested: 1, result_no_contact: 1,
    });
    const mix = outcomeMix(db, undefined, DAY);
    expect(mix.total).toBe(3);
    expect(mix.rows.find((r) => r.result === 'asked_for_appointment')).toMatchObject({ calls: 2, share: 66.7 });
    expect(mix.rows.find((r) => r.result === 'no_contact')).toMatchObject({ calls: 1, share: 33.3 });
  });

  it('count only a campaign\'s calls when one is asked for', async () => {
    const { db, estate, b2b } = await mixedShift();
    expect(shiftTotals(db, { ...DAY, campaignId: estate.id })).toEqual([expect.objectContaining({ dials: 2, asks: 2, appointments: 1 })]);
    expect(shiftTotals(db, { ...DAY, campaignId: b2b.id })).toEqual([expect.objectContaining({ dials: 1, result_no_contact: 1 })]);
    expect(outcomeMix(db, estate.id, DAY)).toMatchObject({ total: 2 });
    expect(outcomeMix(db, b2b.id, { ...DAY, caller: 'Rae' }).rows).toEqual([expect.objectContaining({ result: 'no_contact', calls: 1, share: 100 })]);
  });

  it('still count a call whose result no scheme has any more in the outcome mix', async () => {
    const { db, b2b } = await mixedShift();
    // As an older scheme version's code would be stored.
    const id = db.prepare('SELECT id FROM calls WHERE campaign_id = ?').pluck().get(b2b.id) as number;
    db.prepare(`UPDATE calls SET result = 'retired_code' WHERE id = ?`).run(id);
    db.prepare(`UPDATE call_outcomes SET slug = 'retired_code' WHERE call_id = ?`).run(id);
    const mix = outcomeMix(db, undefined, DAY);
    expect(mix.total).toBe(3);
    expect(mix.rows.find((r) => r.result === 'retired_code')).toMatchObject({ label: 'retired_code', calls: 1, share: 33.3 });
    expect(mix.rows.find((r) => r.result === 'asked_for_appointment')).toMatchObject({ calls: 2 });
  });

  it('count the trend by day with each call\'s own scheme\'s columns, the campaign\'s scheme naming them on a day without calls', async () => {
    const { db, estate } = await mixedShift();
    const trend = dailyTrend(db, { ...DAY, campaignId: estate.id });
    expect(trend.columns.map((c) => c.label)).toEqual(['Dials', 'Contacts', 'Asks', 'Appointments', 'Next steps']);
    expect(trend.columns.filter((c) => c.chart).map((c) => c.label)).toEqual(['Dials', 'Contacts', 'Asks', 'Appointments']);
    expect(trend.days).toEqual([{ day: '2026-11-23', counts: { dials: 2, contacts: 2, asks: 2, appointments: 1, next_steps: 1 } }]);
    // Both schemes' calls: B2B's columns beside the real-estate ones, each call counted by its own scheme.
    const both = dailyTrend(db, DAY);
    expect(both.columns.map((c) => c.column)).toEqual(['dials', 'contacts', 'dm_contacts', 'pitches', 'leads', 'appointments', 'asks', 'next_steps']);
    expect(both.days[0]?.counts).toEqual({ dials: 3, contacts: 2, dm_contacts: 0, pitches: 0, leads: 0, appointments: 1, asks: 2, next_steps: 1 });
    const empty = dailyTrend(db, { ...DAY, from: '2026-11-02', to: '2026-11-02', campaignId: estate.id });
    expect(empty.columns.map((c) => c.column)).toEqual(['dials', 'contacts', 'asks', 'appointments', 'next_steps']);
    expect(empty.days).toEqual([{ day: '2026-11-02', counts: { dials: 0, contacts: 0, asks: 0, appointments: 0, next_steps: 0 } }]);
  });

  it('name the campaign\'s scheme\'s columns on the Reports screen\'s shift totals when no shift is in the range', async () => {
    const { db, estate } = await mixedShift();
    const view = createEngineApi(db, () => at(480)).totals('2026-11-02', '2026-11-02', undefined, estate.id, 'America/New_York');
    expect(view.rows).toEqual([]);
    expect(view.columns).toEqual(expect.arrayContaining(['dials', 'contacts', 'asks', 'next_steps', 'result_asked_for_appointment']));
    expect(view.columns.filter((c) => /reception|dm_|pitch/.test(c))).toEqual([]);
  });
});
