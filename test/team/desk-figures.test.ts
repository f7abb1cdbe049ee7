/**
 * The shift bar of a desk connected to a team database: the figures of the schemes of the
 * shift's calls and of the campaign being worked, counted on PostgreSQL as the shift export
 * counts them, the same columns as on the desk's own file.
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { appOver } from '../engine/harness.ts';
import { ALL_DAY, tempDb } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();

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
    const call = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> => {
      const r = await p;
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
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
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);
});
