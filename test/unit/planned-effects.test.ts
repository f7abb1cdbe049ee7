import { describe, expect, it } from 'vitest';
import { getScheme, type FieldValues } from '../../shared/schemes/index.ts';
import { plannedEffects } from '../../electron/engine/store/plan.ts';

/** What the team store writes for a meeting: the kind the SQLite engine's effects would write (engine/effects.ts). */
const AT = new Date('2026-12-01T15:00:00Z');
function meeting(schemeId: string, slug: string, fields: FieldValues) {
  const scheme = getScheme(schemeId);
  const code = scheme.codes.find((c) => c.slug === slug);
  if (!code) throw new Error(`no ${slug} in ${schemeId}`);
  return plannedEffects(scheme, [code], true, fields, 'Acme').appointment;
}

describe('a meeting booked in team mode is of its own scheme\'s kind', () => {
  it('B2B: no kind given is the first kind B2B offers (face to face)', () => {
    expect(meeting('b2b-appointment-setting', 'appointment_booked', { appointment_at: AT })).toEqual({ at: AT, kind: 'face_to_face', host: null, hostField: null });
  });

  it('real estate: the kind chosen', () => {
    expect(meeting('real-estate-sales', 'appointment_set', { appointment_at: AT, appointment_kind: 'showing' })).toEqual({ at: AT, kind: 'showing', host: null, hostField: null });
  });

  it('closer-setter: a strategy call has no kind, never B2B\'s', () => {
    expect(meeting('closer-setter', 'approved', { strategy_at: AT })).toEqual({ at: AT, kind: '', host: null, hostField: 'closer' });
  });
});
