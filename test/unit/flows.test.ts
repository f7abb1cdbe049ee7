import { describe, expect, it } from 'vitest';
import { ALL_CALL_EVENTS, callFlowMachine, flowOfScheme, FLOWS, getFlow, type CallEventType } from '../../shared/callflow/index.ts';
import { SCHEMES } from '../../shared/schemes/index.ts';

describe('the call-flow registry', () => {
  it('has the flow of every scheme, and the B2B machine as flow "b2b"', () => {
    for (const s of SCHEMES) expect(FLOWS[s.flow], s.id).toBeDefined();
    expect(getFlow('b2b').machine).toBe(callFlowMachine);
    expect(flowOfScheme('b2b-appointment-setting').id).toBe('b2b');
  });

  it('gives every flow a button with its own key for each event but DIAL, and takes those events in the IPC contract', () => {
    for (const flow of Object.values(FLOWS)) {
      expect(flow.buttons.map((b) => b.type).sort(), flow.id).toEqual(flow.events.filter((e) => e !== 'DIAL').sort());
      expect(new Set(flow.buttons.map((b) => b.key)).size, flow.id).toBe(flow.buttons.length);
      for (const e of flow.events) expect(ALL_CALL_EVENTS).toContain(e);
    }
  });

  it('replays a call through the flow of its scheme', () => {
    const flow = flowOfScheme('b2b-appointment-setting');
    const s = flow.replay(['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'] as CallEventType[], { schemeId: 'b2b-appointment-setting' });
    expect(flow.callEnded(s)).toBe(true);
    expect(flow.contactLevel(s)).toBe('reception');
    expect(flow.wasBlocked(s)).toBe(true);
    expect(flow.legalResults(s)).toContain('no_contact');
  });

  it('offers before the dial only the events a flow takes without one: a meeting cancelled before it started; B2B and consumer calls start with the dial', () => {
    const offered = (id: string, events: string[] = []) => getFlow(id).offered(getFlow(id).replay(events)).map((b) => b.type);
    expect(offered('meeting')).toEqual(['CANCELLED']);
    expect(offered('b2b')).toEqual([]);
    expect(offered('consumer')).toEqual([]);
    // After the dial: the buttons enabled now; once the call ended, none.
    expect(offered('meeting', ['DIAL'])).toEqual(['CONNECTED', 'NO_SHOW', 'HUNG_UP']);
    expect(offered('meeting', ['CANCELLED'])).toEqual([]);
    const cancelled = getFlow('meeting').replay(['CANCELLED'], { schemeId: 'closer-setter' });
    expect(getFlow('meeting').facts(cancelled)).toMatchObject({ ended: true, level: 'meeting_cancelled', path: ['CANCELLED'] });
  });

  it('refuses an unknown flow with the flows there are', () => {
    expect(() => getFlow('b2c')).toThrow(/Unknown call flow "b2c"; the flows are: b2b/);
  });
});
