/**
 * The calling window of a call logged without its start: a record taken inside its calling
 * hours counts from when it was taken (held since), for two hours, on both stores alike
 * (calls.ts callWindowTime; team migration 14's held_since on the server's clock).
 */
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type CallingWindow } from '../../shared/calling-window.ts';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { sqliteStore } from '../../electron/engine/store/sqlite.ts';
import type { Store } from '../../electron/engine/store/types.ts';
import { seed, tempDb, us } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();
const MINUTE = 60_000;
const COMPANIES = ['Aspen', 'Birch', 'Cedar'];

/**
 * A fixed-offset zone where it is about noon now, and a window that closes ten minutes from now
 * there: a record taken now is inside its hours, a call an hour on is outside (and on the same day).
 */
function closingSoon(now: Date): { zone: string; window: CallingWindow } {
  const o = 12 - now.getUTCHours();
  const zone = o === 0 ? 'Etc/GMT' : o > 0 ? `Etc/GMT-${o}` : `Etc/GMT+${-o}`;
  const end = 12 * 60 + now.getUTCMinutes() + 10;
  const hours = { start: '00:00', end: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}` };
  return { zone, window: Object.fromEntries(WEEKDAYS.map((d) => [d, hours])) as CallingWindow };
}

/** Takes each record in turn and logs it later; what each log answered, records named by company. */
async function script(store: Store, campaignId: number, now: Date): Promise<string[]> {
  const said: string[] = [];
  await store.addCaller('Hal');
  const take = async () => {
    const lease = await store.next(campaignId, 'Hal');
    if (!lease) throw new Error('nothing to take');
    return lease;
  };
  const log = async (recordId: number, after: number, startedAt?: Date) => {
    try {
      const r = await store.logCall({ recordId, caller: 'Hal', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date(now.getTime() + after), startedAt });
      said.push(`${(await store.record(r.recordId)).company}: logged, record ${r.status}`);
    } catch (e) {
      said.push(`${(await store.record(recordId)).company}: ${(e as Error).message.replace(/^Record \d+/, 'Record')}`);
    }
  };
  // Logged an hour on, after the window closed, with no start: it counts from when it was taken.
  await log((await take()).id, 60 * MINUTE);
  // The same with its start given: judged then, outside the hours.
  const b = await take();
  await log(b.id, 60 * MINUTE, new Date(now.getTime() + 59 * MINUTE));
  await store.release(b.id, 'Hal');
  // Let go and taken again, then logged more than two hours on: judged at its own time.
  const c = await take();
  await log(c.id, 125 * MINUTE);
  return said;
}

describe('held since: the calling window of a call logged without its start', () => {
  it('is read at when the caller took the record, for two hours, on both stores', async () => {
    const now = new Date();
    const { zone, window } = closingSoon(now);
    const rows = COMPANIES.map((company, i) => ({ company, phone: us(60 + i) }));

    const { db } = tempDb();
    const solo = sqliteStore(db);
    const soloCampaign = await solo.createCampaign({ name: 'Held', region: 'US', timezone: 'America/New_York', callingWindow: window });
    await seed(db, soloCampaign, rows);
    // The list's records are in the zone where it is noon now (an import reads them from the numbers).
    db.prepare('UPDATE records SET tz = ? WHERE campaign_id = ?').run(zone, soloCampaign.id);
    db.prepare('DELETE FROM campaign_zones WHERE campaign_id = ?').run(soloCampaign.id);
    db.prepare('INSERT INTO campaign_zones (campaign_id, tz) VALUES (?, ?)').run(soloCampaign.id, zone);
    const soloSaid = await script(solo, soloCampaign.id, now);

    const teamStore = await postgresStore(team.cluster.url);
    try {
      const teamCampaign = await teamStore.createCampaign({ name: 'Held', region: 'US', timezone: 'America/New_York', callingWindow: window });
      await addTeamRecords(team.pool, teamCampaign.id, 'held.csv', rows.map((r) => ({ company: r.company, phones: [r.phone], timezone: zone })));
      expect(await script(teamStore, teamCampaign.id, now)).toEqual(soloSaid);
      const { rows: held } = await team.pool.query<{ company: string; held: boolean }>(
        'SELECT company, held_since IS NOT NULL AS held FROM records WHERE campaign_id = $1 ORDER BY id',
        [teamCampaign.id],
      );
      // Logged, a record is held by nobody since; Birch, taken again and refused, is still held.
      expect(held).toEqual([{ company: 'Aspen', held: false }, { company: 'Birch', held: true }, { company: 'Cedar', held: false }]);
    } finally {
      await teamStore.close();
    }
    expect(soloSaid).toEqual([
      'Aspen: logged, record open',
      expect.stringMatching(new RegExp(`^Birch: Record was outside its calling hours then: .* in ${zone.replace('+', '\\+')} \\(calling hours that day are 00:00-${window.mon?.end}\\)\\.$`)),
      expect.stringMatching(/^Birch: Record was outside its calling hours then: /),
    ]);
  });
});
