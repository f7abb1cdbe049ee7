import { describe, expect, it } from 'vitest';
import { createCampaign, logCall, undoLog } from '../../electron/engine/index.ts';
import { outcome } from '../../shared/schemes/effects.ts';
import { b2bAppointmentSetting, findCode, SCHEMES, type OutcomeScheme } from '../../shared/schemes/index.ts';
import { seed, tempDb, us } from './helpers.ts';

const AT = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

describe('an outcome\'s effects are declared once, as data', () => {
  it('every outcome of every scheme keeps or closes its record, and its other fields say what its effects say', () => {
    for (const s of SCHEMES) {
      for (const c of s.codes) {
        const kinds = c.effects.map((e) => e.kind);
        expect(kinds.filter((k) => k === 'keep_record' || k === 'close_record'), `${s.id} ${c.slug}`).toHaveLength(1);
        expect(c.open, c.slug).toBe(kinds.includes('keep_record'));
        expect(c.appointment === true, c.slug).toBe(kinds.includes('book_appointment'));
      }
    }
    const remove = findCode(b2bAppointmentSetting, 'remove_from_database');
    expect(remove?.effects).toEqual([{ kind: 'close_record' }, { kind: 'add_numbers_to_dnc' }]);
  });

  it('refuses an outcome that neither keeps nor closes its record', () => {
    expect(() => outcome({ slug: 'limbo', label: 'Limbo', whenToUse: '', levels: ['reception'], pitch: 'any', effects: [], weight: 'neutral', shortcut: '' })).toThrow(
      'Outcome limbo must either keep or close its record.',
    );
  });
});

describe('the engine applies the declared effects, and undo takes each back', () => {
  it('does what a scheme declares for an outcome: close, lead, do-not-call, owner; then undoes all of it', async () => {
    // B2B's outcomes, except that No Contact here closes the record, counts a nurture lead,
    // lists the numbers and moves the owner: the engine must follow the declaration alone.
    const changed = outcome({
      slug: 'no_contact', label: 'No Contact (Call Back)', whenToUse: 'Test.', levels: ['no_contact', 'reception'], pitch: 'forbidden', weight: 'neutral', shortcut: 'n',
      effects: [{ kind: 'close_record' }, { kind: 'count_lead', leadKind: 'nurture' }, { kind: 'add_numbers_to_dnc' }, { kind: 'move_owner', to: 'client' }],
    });
    const scheme: OutcomeScheme = { ...b2bAppointmentSetting, id: 'effects-test', codes: b2bAppointmentSetting.codes.map((c) => (c.slug === 'no_contact' ? changed : c)) };
    (SCHEMES as OutcomeScheme[]).push(scheme);
    try {
      const { db } = tempDb();
      const c = createCampaign(db, { name: 'E', client: 'Acme', region: 'US', timezone: 'America/New_York', schemeId: scheme.id, callingWindow: { mon: { start: '00:00', end: '23:59' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } });
      const [id = 0] = await seed(db, c, [{ company: 'A', phone: us(1), phone2: us(2) }]);
      const state = () => db.prepare('SELECT status, is_lead AS lead, existing_lead AS existing, owner, attempts FROM records WHERE id = ?').get(id);
      const dnc = () => db.prepare('SELECT count(*) FROM dnc').pluck().get();
      const before = state();
      const logged = logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], result: 'no_contact', at: AT });
      expect(logged).toMatchObject({ status: 'closed', numbersAddedToDnc: 2 });
      expect(state()).toEqual({ status: 'closed', lead: 1, existing: 1, owner: 'Acme', attempts: 1 });
      expect(db.prepare('SELECT scheme_id FROM calls WHERE id = ?').pluck().get(logged.callId)).toBe('effects-test');
      undoLog(db, { callId: logged.callId, caller: 'Al', at: AT });
      expect(state()).toEqual(before);
      expect(dnc()).toBe(0);
    } finally {
      (SCHEMES as OutcomeScheme[]).splice(SCHEMES.indexOf(scheme), 1);
    }
  });
});
