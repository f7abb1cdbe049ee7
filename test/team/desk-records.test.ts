/**
 * A caller's desk on a team database, under their own login, corrects the record it holds
 * (checked as in solo mode, applied by correct_record under the lease, each change logged with
 * who made it) and sends the intro email of a call it logged (the record's data read from the
 * team database, the sending noted there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { teamDeskApp } from './desk-kit.ts';
import { person, type Person } from './people.ts';
import { ALL_DAY, teamSuite } from './team.ts';

const team = teamSuite();
let dana: Person;
let omar: Person;
let campaignId = 0;
let delta = 0;
let echo = 0;
beforeAll(async () => {
  const owner = await postgresStore(team.cluster.url);
  try {
    campaignId = (
      await owner.createCampaign({
        name: 'Records', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, client: 'Sunny Solar',
        options: { introEmail: { subject: 'Hello {contact} from {client}', body: '{caller} here, about {company}.' } },
      })
    ).id;
  } finally {
    await owner.close();
  }
  [delta = 0, echo = 0] = await addTeamRecords(team.pool, campaignId, 'list', [
    { company: 'Delta Co', contactName: 'Reception', phones: ['+1 212 555 0931'] },
    { company: 'Echo Ltd', contactName: 'Eve Stone', phones: ['+1 212 555 0941'] },
  ]);
  await team.pool.query(`UPDATE records SET details = '{"title": "Manager", "email": "not an address; eve@echo.example"}' WHERE id = ANY ($1)`, [[delta, echo]]);
  dana = await person(team, 'Dana', 'caller');
  omar = await person(team, 'Omar', 'caller');
});
afterAll(() => Promise.all([dana?.db.end(), omar?.db.end()]));

const danaDesk = () => teamDeskApp(dana.url, 'Dana');

describe('the record and the intro email on a team desk', () => {
  it('corrects the record held, as solo checks it, keeping who changed what; refuses bad numbers and records not held', async () => {
    const desk = await danaDesk();
    try {
      const { api, call } = desk;
      expect((await call(api.nextRecord({ campaignId, caller: 'Dana' })))?.record).toMatchObject({ id: delta, title: 'Manager' });
      // A number that cannot be read is refused by name; nothing changes.
      expect(await api.correctRecord({ recordId: delta, caller: 'Dana', addPhone: { number: '555-01' }, dmName: 'Pat Lee' })).toMatchObject({
        ok: false, error: expect.stringMatching(/^Number: .*\(read as a US number unless it starts with \+\)\.$/),
      });
      expect((await team.pool.query('SELECT contact_name FROM records WHERE id = $1', [delta])).rows).toEqual([{ contact_name: 'Reception' }]);

      const view = await call(
        api.correctRecord({ recordId: delta, caller: 'Dana', fixPhone: { index: 0, number: '(212) 555-0932' }, dmName: 'Pat Lee', dmRole: 'Owner', dmDirectLine: '212 555 0933' }),
      );
      expect(view.record).toMatchObject({ contactName: 'Pat Lee', title: 'Owner' });
      expect(view.record.phones.map((p) => [p.label, p.raw, p.e164])).toEqual([
        ['', '(212) 555-0932', '+12125550932'],
        ['DM direct line', '212 555 0933', '+12125550933'],
      ]);
      expect(view.record.changes.map((c) => [c.by, c.field, c.oldValue, c.newValue]).sort()).toEqual([
        ['Dana', 'contact_name', 'Reception', 'Pat Lee'],
        ['Dana', 'direct_line', '', '+12125550933'],
        ['Dana', 'phone', '+12125550931', '+12125550932'],
        ['Dana', 'title', 'Manager', 'Owner'],
      ]);
      // The same number twice on a record is refused.
      expect(await api.correctRecord({ recordId: delta, caller: 'Dana', addPhone: { number: '212 555 0933' } })).toEqual({
        ok: false, error: '+12125550933 is already a number of this record.',
      });
      // Only the record this desk holds; and on the server, only under the caller's own lease.
      expect(await api.correctRecord({ recordId: echo, caller: 'Dana', dmName: 'X' })).toEqual({
        ok: false, error: `Record ${echo} is not held at this desk: take it with Next record first.`,
      });
      await expect(omar.db.query("SELECT correct_record($1, $2, gen_random_uuid(), '{\"contact_name\": \"Mallory\"}')", [delta, omar.id])).rejects.toThrow(
        `Record ${delta} is not held at this desk any more: take it again to correct it.`,
      );
      expect((await team.pool.query('SELECT contact_name FROM records WHERE id = $1', [delta])).rows).toEqual([{ contact_name: 'Pat Lee' }]);
    } finally {
      await desk.close();
    }
  }, 60_000);

  it("opens the campaign's intro email for a logged call, from the team database, and notes it was sent", async () => {
    const desk = await danaDesk();
    try {
      const { app, api, call } = desk;
      await call(api.openRecord({ recordId: echo, caller: 'Dana' }));
      await call(api.dial({ recordId: echo, e164: '+12125550941' }));
      const followUpAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const logged = await call(api.logCall({ recordId: echo, caller: 'Dana', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up', followUpAt }));
      // The record closed, and Dana's login no longer sees it: the email's data comes through call_intro_email.
      expect((await dana.db.query('SELECT 1 FROM records WHERE id = $1', [echo])).rows).toEqual([]);
      const { url } = await call(api.sendIntroEmail({ callId: logged.callId }));
      expect(url).toBe(`mailto:eve@echo.example?subject=${encodeURIComponent('Hello Eve Stone from Sunny Solar')}&body=${encodeURIComponent('Dana here, about Echo Ltd.')}`);
      expect(app.opened).toContain(url);
      expect((await team.pool.query('SELECT intro_email_sent_at IS NOT NULL AS sent FROM calls WHERE record_id = $1', [echo])).rows).toEqual([{ sent: true }]);
      // Another caller's login cannot read it.
      const [{ id } = { id: '' }] = (await team.pool.query<{ id: string }>('SELECT id FROM calls WHERE record_id = $1', [echo])).rows;
      await expect(omar.db.query('SELECT * FROM call_intro_email($1, $2)', [id, omar.id])).rejects.toThrow(`There is no call of yours ${id} in the team database.`);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
