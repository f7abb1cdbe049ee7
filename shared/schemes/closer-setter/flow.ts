import { defineFlow, runMachine } from '../../callflow/define.ts';
import type { CallFlow, FlowButton } from '../../callflow/flow.ts';
import { MEETING_EVENTS, MEETING_LEVELS, meetingMachine, type MeetingSnapshot } from './machine.ts';

/** What happened to the meeting, in the order the buttons sit; Cancelled is for a call that never started. */
const BUTTONS: readonly FlowButton[] = [
  { type: 'CONNECTED', label: 'Connected', key: 'c' },
  { type: 'NO_SHOW', label: 'No show', key: 'n' },
  { type: 'HUNG_UP', label: 'Hung up', key: 'h' },
  { type: 'CANCELLED', label: 'Cancelled', key: 'x' },
];

/** The meeting flow of closers and setters (seed 001): held, a no-show, or cancelled before it started. */
export const meetingFlow: CallFlow = defineFlow<MeetingSnapshot>({
  id: 'meeting',
  machine: meetingMachine,
  events: MEETING_EVENTS,
  buttons: BUTTONS,
  levels: MEETING_LEVELS,
  run: (events) => runMachine<MeetingSnapshot>(meetingMachine, events, undefined),
  facts: (s) => ({ ended: s.status === 'done', level: s.context.level, flags: {}, path: s.context.path }),
});
