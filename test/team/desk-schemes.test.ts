/**
 * A desk connected to a team database, on campaigns of other schemes than B2B: the shift bar
 * shows the figures of the schemes of the shift's calls and of the campaign being worked,
 * counted on PostgreSQL as the shift export counts them (the same columns as on the desk's own
 * file); a meeting called off before it started is logged without a dial.
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { appOver } from '../engine/harness.ts';
import { ALL_DAY, tempDb } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();

type Answer<T> = Promise<{ ok: true; value: T } | { ok: false; error: string }>;
const call = async <T>(p: Answer<T>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const bar = (totals: readonly { label: string; count: number }[]) => Object.fromEntries(totals.map((f) => [f.label, f.count]));

describe('the shift bar on a team database', () => {
  it("counts a real-estate campaign's own columns, and a B2B campaign's five beside them once it has calls", async () => {
    const store = await postgresStore(team.cluster.url);
    const base = { region: 'US' as const, timezone: 'America/New_York', callingWindow: ALL_DAY };
    const estate = (await store.createCampaign({ ...base, name: 'Team homes', schemeId: 'real-estate-sales' })).id;
    const b2b = (await store.createCampaign({ ...base, name: 'Team solar' })).id;
    await store.close();
    const [home] = await addTeamRecords(team.pool, estate, 'homes.csv', [{ company: '', contactName: 'Sam Whitfield', phones: ['+1 212 555 0701'] }]);
    const [sun] = await addTeamRecords(team.pool, b2b, 'solar.csv', [{ company: 'Sun Co', phones: ['+1 212 555 0702'] }]);
    await addTeamCaller(team.pool, 'Rae');
    const { db } = tempDb();
    const app = appOver(db, { settings: { callerName: 'Rae' } });
    const { api } = app;
    try {
      expect((await call(api.connectTeam({ url: team.cluster.url, remember: false }))).status).toBe('connected');
      await call(api.startShift({ caller: 'Rae' }));
      const state = async (campaignId?: number) => (await call(api.sessionState({ caller: 'Rae', campaignId }))).totals;
      expect(await state(estate)).toEqual([
        { column: 'dials', label: 'Dials', count: 0 },
        { column: 'contacts', label: 'Contacts', count: 0 },
        { column: 'asks', label: 'Asks', count: 0 },
        { column: 'appointments', label: 'Appointments', count: 0 },
        { column: 'next_steps', label: 'Next steps', count: 0 },
      ]);

      expect((await call(api.nextRecord({ campaignId: estate, caller: 'Rae' })))?.record.id).toBe(home);
      await call(api.dial({ recordId: home ?? 0, e164: '+12125550701' }));
      await call(
        api.logCall({
          recordId: home ?? 0, caller: 'Rae', events: ['DIAL', 'ANSWERED', 'HUNG_UP'], phone: '+12125550701',
          results: ['appointment_not_set', 'asked_for_appointment', 'next_step_created'],
        }),
      );
      // The shift's call brings its scheme's columns without a campaign named.
      expect(bar(await state())).toEqual({ Dials: 1, Contacts: 1, Asks: 1, Appointments: 0, 'Next steps': 1 });

      expect((await call(api.nextRecord({ campaignId: b2b, caller: 'Rae' })))?.record.id).toBe(sun);
      await call(api.dial({ recordId: sun ?? 0, e164: '+12125550702' }));
      await call(api.logCall({ recordId: sun ?? 0, caller: 'Rae', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'pitched_not_interested', phone: '+12125550702' }));
      expect(bar(await state(estate))).toEqual({ Dials: 2, 'DM contacts': 1, Pitches: 1, Leads: 0, Appointments: 0, Contacts: 1, Asks: 1, 'Next steps': 1 });
      expect((await call(api.shiftSummary({ caller: 'Rae' }))).line).toMatch(/: 2 dials, 0 reception, 1 DM, 1 pitch, 0 leads \(.*\), 0 appointments; 1 contact, 0 voicemails left, 1 asked for an appointment, 1 next step$/);
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);

  it('logs a discovery call cancelled before it started without a dial; a B2B call still needs its dial', async () => {
    const store = await postgresStore(team.cluster.url);
    const base = { region: 'US' as const, timezone: 'America/Los_Angeles', callingWindow: ALL_DAY };
    const closer = (await store.createCampaign({ ...base, name: 'Team coaching', schemeId: 'closer-setter', options: { settings: { closers: ['Cleo'], products: [], currency: 'USD' } } })).id;
    const b2b = (await store.createCampaign({ ...base, name: 'Team roofs' })).id;
    await store.close();
    const [lead] = await addTeamRecords(team.pool, closer, 'leads.csv', [{ company: 'Harbor Fitness', phones: ['+1 213 555 0761'] }]);
    const [roof] = await addTeamRecords(team.pool, b2b, 'roofs.csv', [{ company: 'Roof Co', phones: ['+1 213 555 0762'] }]);
    await addTeamCaller(team.pool, 'Sam');
    const { db } = tempDb();
    const app = appOver(db, { settings: { callerName: 'Sam' } });
    const { api } = app;
    try {
      expect((await call(api.connectTeam({ url: team.cluster.url, remember: false }))).status).toBe('connected');
      await call(api.startShift({ caller: 'Sam' }));
      expect((await call(api.nextRecord({ campaignId: b2b, caller: 'Sam' })))?.record.id).toBe(roof);
      expect(await api.logCall({ recordId: roof ?? 0, caller: 'Sam', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact' })).toEqual({
        ok: false, error: `Record ${roof} was not dialled from this desk: press Dial first.`,
      });
      expect((await call(api.nextRecord({ campaignId: closer, caller: 'Sam' })))?.record.id).toBe(lead);
      const logged = await call(api.logCall({ recordId: lead ?? 0, caller: 'Sam', events: ['CANCELLED'], result: 'rejected', fields: { reason: 'not_interested' } }));
      expect(logged).toMatchObject({ contactLevel: 'meeting_cancelled', results: ['rejected'], team: 'stored' });
      const { rows } = await team.pool.query('SELECT events, level, phone FROM calls WHERE record_id = $1', [lead]);
      expect(rows).toEqual([{ events: ['CANCELLED'], level: 'meeting_cancelled', phone: null }]);
      expect(bar(await call(api.sessionState({ caller: 'Sam' })).then((s) => s.totals))).toMatchObject({ Calls: 1, Held: 0, Approved: 0 });
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);
});
