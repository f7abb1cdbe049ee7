import { assign, setup, type SnapshotFrom } from 'xstate';

/**
 * The meeting call flow of closers and setters (seed 001): a scheduled call, discovery or
 * strategy, either held, missed by the prospect, or cancelled before it started.
 */

/** What can happen to a scheduled call, in the seed's words. */
export const MEETING_EVENTS = ['DIAL', 'NO_SHOW', 'CONNECTED', 'HUNG_UP', 'CANCELLED'] as const;
export type MeetingEvent = (typeof MEETING_EVENTS)[number];

/** How far a meeting got, lowest first: cancelled before it started, the prospect did not show, held. */
export const MEETING_LEVELS = [
  { id: 'meeting_cancelled', label: 'Cancelled', text: 'a meeting cancelled before it started' },
  { id: 'no_show', label: 'No show', text: 'a meeting the prospect did not show up to' },
  { id: 'held', label: 'Held', text: 'a meeting that was held' },
] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number]['id'];

export interface MeetingContext {
  level: MeetingLevel;
  /** The events the call went through, in order; ignored events are not recorded. */
  path: MeetingEvent[];
}

export const meetingMachine = setup({
  types: {
    context: {} as MeetingContext,
    events: {} as { type: MeetingEvent },
  },
  actions: {
    recordEvent: assign({ path: ({ context, event }) => [...context.path, event.type] }),
    held: assign({ level: 'held' as MeetingLevel }),
    cancelled: assign({ level: 'meeting_cancelled' as MeetingLevel }),
  },
}).createMachine({
  id: 'meeting',
  context: { level: 'no_show', path: [] },
  initial: 'scheduled',
  states: {
    /** The call is in the calendar; nobody has joined yet. */
    scheduled: {
      on: {
        DIAL: { target: 'waiting', actions: 'recordEvent' },
        // Called off before it started: logged with CANCELLED alone.
        CANCELLED: { target: 'ended', actions: ['recordEvent', 'cancelled'] },
      },
    },
    /** The host dialled or opened the meeting and waits for the prospect. */
    waiting: {
      on: {
        CONNECTED: { target: 'connected', actions: ['recordEvent', 'held'] },
        NO_SHOW: { target: 'ended', actions: 'recordEvent' },
        // Gave up waiting: the prospect did not show.
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** Talking with the prospect: the meeting is held. */
    connected: {
      on: { HUNG_UP: { target: 'ended', actions: 'recordEvent' } },
    },
    ended: { type: 'final' },
  },
});

export type MeetingSnapshot = SnapshotFrom<typeof meetingMachine>;
