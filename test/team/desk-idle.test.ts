/**
 * A desk keeps its connection to the team database while its caller is on the phone: the
 * call logged after a long conversation goes over the connection that leased the record, not a
 * new one (a new connection means TLS, the password check and a fresh server process that
 * compiles and plans the desk's functions again: about 100 ms with fifty desks busy, against
 * about 20 ms; npm run bench -- --team).
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, DeskConnection, leaseNext } from '../../electron/engine/team/index.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();

describe('a desk on the phone', () => {
  it('logs over the connection that leased the record, after longer than the driver keeps an idle one', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Long calls' });
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Alpha Co', phones: ['+1 212 555 0701'] }]);
    const callerId = await addTeamCaller(team.pool, 'Lena');
    const desk = await DeskConnection.open({ url: team.cluster.url });
    try {
      const server = () => desk.query(async (db) => Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid));
      const lease = await desk.query((db) => leaseNext(db, { campaignId, callerId, leaseSeconds: 300 }));
      expect(lease?.company).toBe('Alpha Co');
      const leasedOver = await server();
      // The caller talks for longer than node-postgres keeps an idle connection by default (10 s).
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      expect(await server()).toBe(leasedOver);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
