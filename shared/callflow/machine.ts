import { assign, setup, type SnapshotFrom } from 'xstate';
import type { CampaignOptions, CodeVariant, ContactLevel } from '../schemes/index.ts';
import { DEFAULT_SCHEME_ID } from '../schemes/index.ts';

/** What can happen on a call, in the domain's own words. */
export const CALL_EVENTS = [
  'DIAL',
  'NO_ANSWER',
  'VOICEMAIL',
  'WRONG_NUMBER',
  'RECEPTION_ANSWERED',
  'TRANSFERRED',
  'DM_ANSWERED',
  'DM_CUT_SHORT',
  'PITCHED',
  'HUNG_UP',
] as const;
export type CallEventType = (typeof CALL_EVENTS)[number];
export type CallEvent = { type: CallEventType };

export interface CallFlowInput {
  record?: {
    /** A DM earlier agreed to an email or a call back (Email Follow Up or Nurture). */
    isExistingLead?: boolean;
    /** Earlier calls on which reception blocked the way to the DM. */
    blockedAttempts?: number;
    /** The outcomes of the record's earlier calls, oldest first. */
    priorResults?: readonly string[];
  };
  campaign?: Partial<CampaignOptions> & {
    /** The campaign's own Not Qualified reasons, e.g. "No Roof". */
    notQualifiedVariants?: readonly CodeVariant[];
  };
  /** Outcome scheme of the campaign; the B2B appointment-setting scheme by default. */
  schemeId?: string;
}

export interface CallFlowContext {
  record: { isExistingLead: boolean; blockedAttempts: number; priorResults: readonly string[] };
  campaign: CampaignOptions & { notQualifiedVariants: readonly CodeVariant[] };
  schemeId: string;
  level: ContactLevel;
  pitched: boolean;
  dmCutShort: boolean;
  /** Reception put the call through to the DM's line. */
  transferred: boolean;
  /** The events the call went through, in order; ignored events are not recorded. */
  path: CallEventType[];
}

export const callFlowMachine = setup({
  types: {
    context: {} as CallFlowContext,
    events: {} as CallEvent,
    input: {} as CallFlowInput | undefined,
  },
  actions: {
    recordEvent: assign({
      path: ({ context, event }) => [...context.path, event.type],
    }),
    reachedNobody: assign({ level: 'no_contact' as ContactLevel }),
    reachedReception: assign({ level: 'reception' as ContactLevel }),
    reachedDm: assign({ level: 'decision_maker' as ContactLevel }),
    putThrough: assign({ transferred: true }),
    pitched: assign({ pitched: true }),
    // DOMAIN.md rule 3: a DM who cuts you short before the pitch counts as reception.
    cutShort: assign({ dmCutShort: true, level: 'reception' as ContactLevel }),
  },
}).createMachine({
  id: 'callFlow',
  context: ({ input }) => ({
    record: {
      isExistingLead: input?.record?.isExistingLead ?? false,
      blockedAttempts: input?.record?.blockedAttempts ?? 0,
      priorResults: input?.record?.priorResults ?? [],
    },
    campaign: {
      allowEmailOnlyHns: input?.campaign?.allowEmailOnlyHns ?? false,
      wantsConsultantFollowUp: input?.campaign?.wantsConsultantFollowUp ?? false,
      notQualifiedVariants: input?.campaign?.notQualifiedVariants ?? [],
    },
    schemeId: input?.schemeId ?? DEFAULT_SCHEME_ID,
    level: 'no_contact',
    pitched: false,
    dmCutShort: false,
    transferred: false,
    path: [],
  }),
  initial: 'idle',
  states: {
    idle: {
      on: { DIAL: { target: 'ringing', actions: 'recordEvent' } },
    },
    /** Dialled; nobody has answered yet. */
    ringing: {
      on: {
        // Company voicemail, or the DM's direct line or mobile: no contact (rule 2).
        NO_ANSWER: { target: 'ended', actions: 'recordEvent' },
        VOICEMAIL: { target: 'ended', actions: 'recordEvent' },
        WRONG_NUMBER: { target: 'ended', actions: 'recordEvent' },
        RECEPTION_ANSWERED: { target: 'reception', actions: ['recordEvent', 'reachedReception'] },
        DM_ANSWERED: { target: 'decisionMaker', actions: ['recordEvent', 'reachedDm'] },
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** Talking to whoever answered, who is not the DM. */
    reception: {
      on: {
        TRANSFERRED: { target: 'putThrough', actions: ['recordEvent', 'putThrough'] },
        // The person on the line turns out to be the DM.
        DM_ANSWERED: { target: 'decisionMaker', actions: ['recordEvent', 'reachedDm'] },
        // A different company answered: nobody we wanted was reached.
        WRONG_NUMBER: { target: 'ended', actions: ['recordEvent', 'reachedNobody'] },
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** Reception put the call through to the DM's line. */
    putThrough: {
      on: {
        DM_ANSWERED: { target: 'decisionMaker', actions: ['recordEvent', 'reachedDm'] },
        // The DM's voicemail reached through reception: reception level (rule 2).
        VOICEMAIL: { target: 'ended', actions: 'recordEvent' },
        NO_ANSWER: { target: 'ended', actions: 'recordEvent' },
        RECEPTION_ANSWERED: { target: 'reception', actions: 'recordEvent' },
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** Talking to the DM; the pitch has not been delivered yet. */
    decisionMaker: {
      on: {
        PITCHED: { target: 'pitched', actions: ['recordEvent', 'pitched'] },
        DM_CUT_SHORT: { target: 'cutShort', actions: ['recordEvent', 'cutShort'] },
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** The DM said "can't talk, call back" before the pitch. */
    cutShort: {
      on: { HUNG_UP: { target: 'ended', actions: 'recordEvent' } },
    },
    /** At least the first paragraph of the pitch delivered, and the DM listened. */
    pitched: {
      on: { HUNG_UP: { target: 'ended', actions: 'recordEvent' } },
    },
    ended: { type: 'final' },
  },
});

/** A call's state in the B2B machine. */
export type CallFlowSnapshot = SnapshotFrom<typeof callFlowMachine>;
