/**
 * Shapes that cross the IPC boundary: what the engine returns and the renderer shows. The
 * engine builds them; the renderer only reads them.
 */
import type { CallFlowInput } from '../callflow/index.ts';
import type { CallingWindow } from '../calling-window.ts';

export interface Phone {
  label: string;
  raw: string;
  e164: string | null;
  extension: string | null;
  onDnc: boolean;
}

export interface CallHistoryItem {
  id: number;
  caller: string;
  startedAt: string;
  contactLevel: string;
  pitched: boolean;
  result: string;
  notes: string;
  followUpAt: string | null;
}

export interface RecordCard {
  id: number;
  campaignId: number;
  listId: number;
  listRow: number;
  company: string;
  contactName: string;
  title: string;
  email: string;
  address: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  industry: string;
  employees: string;
  website: string;
  custom: Record<string, string>;
  tz: string;
  status: 'open' | 'closed';
  attempts: number;
  blockedAttempts: number;
  lastLevel: string | null;
  lastResult: string | null;
  lastCalledAt: string | null;
  isLead: boolean;
  existingLead: boolean;
  owner: string;
  lockedBy: number | null;
  phones: Phone[];
  task: { id: number; dueAt: string } | null;
  history: CallHistoryItem[];
}

export type QueueReason = 'follow_up_due' | 'fresh' | 'retry';

/** A record as the caller's workspace shows it. */
export interface RecordView {
  record: RecordCard;
  reason: QueueReason | null;
  campaign: { id: number; name: string; client: string; qualification: string; schemeId: string; hasIntroEmail: boolean };
  /** Whether each number can be dialled now, and if not, why. */
  dial: { e164: string; canDial: boolean; reason: string | null }[];
  /** Local time at the record and whether it is inside calling hours. */
  local: { time: string; insideWindow: boolean };
  /** Input for the call-flow machine: lead state, blocked attempts, campaign switches. */
  flowInput: CallFlowInput;
}

export interface LoggedCall {
  callId: number;
  recordId: number;
  status: 'open' | 'closed';
  contactLevel: string;
  pitched: boolean;
  newLead: boolean;
  appointment: boolean;
  taskDueAt: string | null;
  numbersAddedToDnc: number;
}

export interface Shift {
  id: number;
  callerId: number;
  caller: string;
  startedAt: string;
  endedAt: string | null;
}

export interface LiveTotals {
  dials: number;
  receptionContacts: number;
  dmContacts: number;
  pitches: number;
  leads: number;
  appointments: number;
}

export interface SessionState {
  caller: string;
  shift: Shift | null;
  totals: LiveTotals;
  dueTasks: number;
}

export interface CampaignSummary {
  id: number;
  name: string;
  client: string;
  region: string;
  timezone: string;
  records: number;
  open: number;
  callingWindow: CallingWindow;
}

export interface TaskItem {
  taskId: number;
  recordId: number;
  campaignId: number;
  campaign: string;
  company: string;
  contactName: string;
  dueAt: string;
  lastResult: string | null;
}
