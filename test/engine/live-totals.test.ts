import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../electron/engine/api.ts';
import { localDate, logCall, shiftTotals, startShift } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const at = (minutes: number) => new Date(Date.parse('2026-11-23T15:00:00Z') + minutes * 60_000); // Monday 10:00 in New York
/** The shift bar's figures as label: count. */
const bar = (totals: readonly { label: string; count: number }[]) => Object.fromEntries(totals.map((f) => [f.label, f.count]));

async function desk() {
  const { db } = tempDb();
  const estate = campaign(db, { name: 'Homes', schemeId: 'real-estate-sales' });
  const b2b = campaign(db, { name: 'Solar' });
  const [home = 0] = await seed(db, estate, [{ company: '', phone: us(1) }]);
  const [sun = 0] = await seed(db, b2b, [{ company: 'Sun', phone: us(2) }]);
  let now = at(0);
  const api = createEngineApi(db, () => now);
  return { db, estate, b2b, home, sun, api, setNow: (d: Date) => (now = d) };
}

describe("the shift bar's live figures", () => {
  it("are a real-estate campaign's own timesheet columns, counted as the shift's export counts them", async () => {
    const { db, estate, home, api, setNow } = await desk();
    startShift(db, 'Rae', at(0));
    // Before the first call: the scheme of the campaign being worked, every figure 0; no B2B columns.
    expect(api.sessionState('Rae', estate.id).totals).toEqual([
      { column: 'dials', label: 'Dials', count: 0 },
      { column: 'contacts', label: 'Contacts', count: 0 },
      { column: 'asks', label: 'Asks', count: 0 },
      { column: 'appointments', label: 'Appointments', count: 0 },
      { column: 'next_steps', label: 'Next steps', count: 0 },
    ]);
    setNow(at(10));
    logCall(db, {
      recordId: home, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], at: at(10),
      results: ['next_step_created', 'asked_for_appointment', 'appointment_set'],
      fields: { appointment_at: '2026-11-26T17:00:00Z', appointment_kind: 'listing_consultation' },
    });
    // The shift's own calls bring their scheme's columns also when no campaign is named.
    const live = api.sessionState('Rae').totals;
    expect(bar(live)).toEqual({ Dials: 1, Contacts: 1, Asks: 1, Appointments: 1, 'Next steps': 1 });
    const day = localDate(at(0));
    const [row] = shiftTotals(db, { from: day, to: day, caller: 'Rae', now: at(10) });
    for (const f of live) expect(f.count).toBe(row?.[f.column]);
    // Copy summary speaks of the same columns, in the scheme's words.
    expect(api.shiftSummary('Rae').line).toMatch(/ Rae \S+-open \(0\.17 h so far\): 1 dial, 1 contact, 0 voicemails left, 1 asked for an appointment, 1 appointment, 1 next step$/);
  });

  it('show the union of the schemes of a shift spanning campaigns, in scheme order', async () => {
    const { db, estate, b2b, home, sun, api } = await desk();
    startShift(db, 'Rae', at(0));
    logCall(db, { recordId: home, caller: 'Rae', events: ['DIAL', 'VOICEMAIL'], at: at(5), results: ['left_voicemail'] });
    logCall(db, { recordId: sun, caller: 'Rae', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], at: at(9), result: 'pitched_not_interested' });
    const live = api.sessionState('Rae', b2b.id).totals;
    expect(live.map((f) => f.label)).toEqual(['Dials', 'DM contacts', 'Pitches', 'Leads', 'Appointments', 'Contacts', 'Asks', 'Next steps']);
    // A voicemail is no real-estate contact; the B2B DM contact and pitch count.
    expect(bar(live)).toMatchObject({ Dials: 2, 'DM contacts': 1, Pitches: 1, Contacts: 0 });
    expect(api.sessionState('Rae', estate.id).totals).toEqual(live);
    // Each scheme's part of the summary, a column said once.
    expect(api.shiftSummary('Rae').line).toMatch(
      /: 2 dials, 0 reception, 1 DM, 1 pitch, 0 leads \(Email Only 0, Email Follow Up 0, Nurture 0\), 0 appointments; 0 contacts, 1 voicemail left, 0 asked for an appointment, 0 next steps$/,
    );
  });

  it("are B2B's five as before for a B2B shift, off shift and for a campaign id no campaign has", async () => {
    const { db, b2b, sun, api } = await desk();
    const five = ['Dials', 'DM contacts', 'Pitches', 'Leads', 'Appointments'];
    expect(api.sessionState('Bo', 999).totals.map((f) => f.label)).toEqual(five);
    startShift(db, 'Bo', at(0));
    logCall(db, { recordId: sun, caller: 'Bo', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], at: at(3), result: 'pitched_not_interested' });
    expect(bar(api.sessionState('Bo', b2b.id).totals)).toEqual({ Dials: 1, 'DM contacts': 1, Pitches: 1, Leads: 0, Appointments: 0 });
  });
});
