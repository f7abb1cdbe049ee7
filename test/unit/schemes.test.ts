import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME_ID, getScheme, SCHEMES } from '../../shared/schemes/index.ts';

describe('the scheme registry', () => {
  it('lists each scheme once, by id, with a version, a name and its call flow; B2B is the default', () => {
    const ids = SCHEMES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEFAULT_SCHEME_ID).toBe('b2b-appointment-setting');
    const b2b = getScheme(DEFAULT_SCHEME_ID);
    expect(b2b).toMatchObject({ version: 1, name: 'B2B appointment setting', flow: 'b2b' });
    for (const s of SCHEMES) {
      expect(Number.isInteger(s.version) && s.version > 0, s.id).toBe(true);
      expect(s.codes.length, s.id).toBeGreaterThan(0);
      for (const c of s.codes) for (const l of c.levels) expect(s.levels.map((x) => x.id), `${s.id} ${c.slug}`).toContain(l);
    }
  });

  it('refuses an unknown id with the ids there are', () => {
    expect(() => getScheme('b2c')).toThrow(/Unknown outcome scheme "b2c"; the schemes are: b2b-appointment-setting/);
  });
});

describe('the meeting kinds of B2B', () => {
  it('are scheme data with labels, and a kind outside them is refused in their words', async () => {
    const { APPOINTMENT_KIND_LABEL, APPOINTMENT_KINDS } = await import('../../shared/schemes/b2b/vocabulary.ts');
    const { replay, validateResult } = await import('../../shared/callflow/index.ts');
    expect(APPOINTMENT_KINDS.map((k) => APPOINTMENT_KIND_LABEL[k])).toEqual(['Face to face', 'Phone', 'Video']);
    const now = new Date(2026, 10, 23, 10, 0);
    const problems = validateResult({
      code: 'appointment_booked', snapshot: replay(['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP']), now,
      appointmentAt: new Date(2026, 10, 25, 10, 0), appointmentKind: 'zoom' as never,
    });
    expect(problems).toEqual([{ field: 'appointmentKind', message: 'Meeting kind must be face to face, phone or video, not "zoom".' }]);
  });
});
