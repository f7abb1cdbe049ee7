import { describe, expect, it } from 'vitest';
import { parseTeamEvent } from '../../shared/team/events.ts';

describe('what a desk takes from a team notification', () => {
  it('reads the four kinds of event', () => {
    expect(parseTeamEvent('{"kind":"call","caller":1,"record":2}')).toEqual({ kind: 'call', caller: 1, record: 2 });
    expect(parseTeamEvent('{"kind":"lease","record":2,"caller":null,"before":1}')).toEqual({ kind: 'lease', record: 2, caller: null, before: 1 });
    expect(parseTeamEvent('{"kind":"dnc","e164":"+12125550100","action":"remove"}')).toEqual({ kind: 'dnc', e164: '+12125550100', action: 'remove' });
    expect(parseTeamEvent('{"kind":"shift","caller":1,"open":false}')).toEqual({ kind: 'shift', caller: 1, open: false });
  });

  it('ignores what is not one of them: no payload, not JSON, another kind, a missing or wrong field, an oversized payload', () => {
    for (const payload of [
      undefined,
      '',
      'call 1',
      '{"kind":"drop_tables"}',
      '{"kind":"call","caller":1}',
      '{"kind":"call","caller":-1,"record":2}',
      '{"kind":"lease","record":2,"caller":1}',
      '{"kind":"dnc","e164":"+12125550100","action":"wipe"}',
      `{"kind":"dnc","e164":"${'9'.repeat(9000)}","action":"add"}`,
    ]) {
      expect(parseTeamEvent(payload), String(payload).slice(0, 40)).toBeNull();
    }
  });
});
