import { useCallback, useMemo, useRef, useState } from 'react';
import { flowOfScheme, schemeOfInput, type FlowSnapshot } from '../../../shared/callflow/index.ts';
import { DEFAULT_SCHEME_ID } from '../../../shared/schemes/index.ts';
import type { LoggedCall, RecordView } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import type { DimensionChoice } from './DimensionPicker.tsx';
import { chosenCodes, fieldInputs, type AskedField, type FieldDraft } from './fieldDraft.ts';

/**
 * The record being worked and its call, held above the views: switching to the cheat sheet
 * and back loses nothing, and a number is handed to the softphone once per call.
 */

export interface CallDraft {
  /** The one outcome, in a scheme without dimensions. */
  code: string;
  /** The outcome chosen per dimension, in a scheme with them. */
  picks: DimensionChoice;
  /** The fields as typed, by key; date and time as datetime-local values, wall time in the record's zone. */
  fields: FieldDraft;
  notes: string;
  sendIntroEmail: boolean;
}

export interface CallState {
  /** The call's events so far; empty before Dial. */
  path: string[];
  /** The number handed to the softphone. */
  phone: string | null;
  /** When Dial was pressed (ms), for the call timer. */
  dialledAt: number | null;
  draft: CallDraft;
}

export const NEW_CALL: CallState = {
  path: [],
  phone: null,
  dialledAt: null,
  draft: { code: '', picks: {}, fields: {}, notes: '', sendIntroEmail: true },
};

/** How many steps of the call can be taken back: all but the dial. */
const stepsToUndo = (c: CallState) => c.path.length - (c.dialledAt === null ? 0 : 1);

/** The caller's last log, which they can undo for a while. */
export interface LastLog {
  callId: number;
  message: string;
  /** The record and call as they were just before logging: what Undo brings back. */
  view: RecordView;
  call: CallState;
}

type Notify = (message: string, kind?: 'info' | 'error') => void;

/** What became of a call logged on a team database, in the caller's words. */
const TEAM_WORDS: Record<NonNullable<LoggedCall['team']>, string> = {
  stored: 'Sent to the team database.',
  duplicate: 'The team database had it already.',
  late: 'Another desk held the record by then: the call is kept, and changed nothing.',
  queued: 'Offline: kept on this desk, and sent when the team database is back.',
};

export function useWorkspace({ caller, campaignId, notify, onLogged }: { caller: string; campaignId: number | null; notify: Notify; onLogged: () => void }) {
  const [view, setView] = useState<RecordView | null>(null);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [call, setCall] = useState<CallState>(NEW_CALL);
  const [lastLog, setLastLog] = useState<LastLog | null>(null);
  const dialling = useRef(false);
  const flowInput = view?.flowInput;
  const flow = flowOfScheme(view?.campaign.schemeId ?? DEFAULT_SCHEME_ID);
  const snapshot: FlowSnapshot = useMemo(() => flow.replay(call.path, flowInput), [flow, call.path, flowInput]);

  const show = useCallback((v: RecordView | null, state: CallState = NEW_CALL) => {
    setView(v);
    setEmpty(v === null);
    setCall(state);
  }, []);

  const next = useCallback(async () => {
    if (!campaignId || !caller) return;
    setBusy(true);
    try {
      show(await unwrap(api().nextRecord({ campaignId, caller })));
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  }, [campaignId, caller, notify, show]);

  /** Lets go of the record (it stays in the queue); nothing of an unlogged call is kept. */
  const letGo = useCallback(async () => {
    if (!view) return;
    const id = view.record.id;
    show(null);
    setEmpty(false);
    await unwrap(api().releaseRecord({ recordId: id, caller })).catch(() => undefined);
  }, [view, caller, show]);

  /**
   * Puts a record main has just given this caller (opened from the follow-ups) on screen; a
   * call in hand is never dropped for it.
   */
  const open = useCallback(
    (v: RecordView): boolean => {
      if (call.path.length > 0) {
        notify('Log the call in hand first, then open the follow-up.', 'error');
        return false;
      }
      show(v);
      return true;
    },
    [call.path.length, notify, show],
  );

  /** The record after a correction the caller saved: the call in hand goes on. */
  const correct = useCallback((v: RecordView) => setView((old) => ({ ...v, reason: old?.reason ?? v.reason })), []);

  /** Forgets the record without asking main (the shift ended and main let it go). */
  const drop = useCallback(() => {
    show(null);
    setEmpty(false);
  }, [show]);

  const dial = async (e164: string) => {
    // One hand-off per call, however fast the key is pressed again or the views are switched.
    if (!view || call.path.length > 0 || dialling.current) return;
    dialling.current = true;
    try {
      await unwrap(api().dial({ recordId: view.record.id, e164 }));
      setCall((c) => ({ ...c, path: ['DIAL'], phone: e164, dialledAt: Date.now() }));
    } catch (e) {
      notify((e as Error).message, 'error');
      // Hours or the do-not-call list changed since the record came up: show it.
      const fresh = await unwrap(api().getRecord({ recordId: view.record.id })).catch(() => null);
      if (fresh) setView({ ...fresh, reason: view.reason });
    } finally {
      dialling.current = false;
    }
  };

  /** The caller asks to hand the same number over again (the softphone dropped it): the call goes on. */
  const redial = async () => {
    if (!view || !call.phone || dialling.current) return;
    dialling.current = true;
    try {
      await unwrap(api().dial({ recordId: view.record.id, e164: call.phone }));
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      dialling.current = false;
    }
  };

  // Before the dial only what the flow offers without one (a meeting called off before it started).
  const send = (type: string) =>
    setCall((c) => {
      const now = flow.replay(c.path, flowInput);
      const takes = c.path.length > 0 ? flow.can(now, type) : flow.offered(now).some((b) => b.type === type);
      return takes ? { ...c, path: [...c.path, type] } : c;
    });
  // Every step but the dial can be taken back: the number was handed over.
  const undoStep = () => setCall((c) => (stepsToUndo(c) > 0 ? { ...c, path: c.path.slice(0, -1) } : c));
  const setDraft = useCallback((patch: Partial<CallDraft>) => setCall((c) => ({ ...c, draft: { ...c.draft, ...patch } })), []);

  /**
   * Logs the call with the chosen outcomes `slugs` and the fields they ask for (`asked`; fields
   * the caller filled for an outcome no longer chosen stay out); true when saved (the next
   * record is then coming up).
   */
  const log = async (slugs: readonly string[], asked: readonly AskedField[]): Promise<boolean> => {
    if (!view) return false;
    const { draft } = call;
    const chosen = chosenCodes(schemeOfInput(view.flowInput), slugs);
    const fields = fieldInputs(asked, draft.fields, view.record.tz);
    setBusy(true);
    try {
      const logged = await unwrap(
        api().logCall({
          recordId: view.record.id,
          caller,
          events: call.path,
          results: [...slugs],
          fields,
          notes: draft.notes.trim() || undefined,
          // The number dialled, while it is still one of the record's: a caller who corrected the
          // number after dialling it (a wrong number) logs the call against the record alone.
          phone: call.phone && view.record.phones.some((p) => p.e164 === call.phone) ? call.phone : undefined,
          startedAt: call.dialledAt ? new Date(call.dialledAt).toISOString() : undefined,
        }),
      );
      const company = view.record.company || view.record.contactName || `Record ${view.record.id}`;
      const extra = [logged.newLead ? 'new lead' : '', logged.numbersAddedToDnc ? `${logged.numbersAddedToDnc} numbers on do-not-call` : ''].filter(Boolean);
      const words = chosen.map((c) => c.label).join(', ');
      const code = slugs.length === 1 ? (slugs[0] ?? '') : draft.code;
      const where = logged.team ? TEAM_WORDS[logged.team] : '';
      setLastLog({
        callId: logged.callId,
        message: `Logged ${company}: ${words}${extra.length ? ` (${extra.join(', ')})` : ''}.${where ? ` ${where}` : ''}`,
        view,
        call: { ...call, draft: { ...draft, code } },
      });
      if (chosen.some((c) => c.actions.includes('send_intro_email')) && draft.sendIntroEmail) {
        if (view.campaign.hasIntroEmail) await unwrap(api().sendIntroEmail({ callId: logged.callId })).catch((e: Error) => notify(e.message, 'error'));
        else notify('This campaign has no intro email template yet: send it by hand.', 'error');
      }
      onLogged();
      show(null);
      setBusy(false);
      await next();
      return true;
    } catch (e) {
      notify((e as Error).message, 'error');
      setBusy(false);
      return false;
    }
  };

  /** Undoes the last log: the record and its call come back as they were before logging. */
  const undoLog = async () => {
    if (!lastLog || call.path.length > 0) return;
    setBusy(true);
    try {
      const restored = await unwrap(api().undoLog({ callId: lastLog.callId, caller }));
      show({ ...restored, reason: lastLog.view.reason }, lastLog.call);
      setLastLog(null);
      onLogged();
      notify(`Undone: ${restored.record.company || `record ${restored.record.id}`} is back as it was before the log.`);
    } catch (e) {
      setLastLog(null);
      notify((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return {
    view, empty, busy, call, snapshot, lastLog,
    next, letGo, drop, open, correct, dial, redial, send, undoStep, setDraft, log, undoLog,
    dismissLastLog: () => setLastLog(null),
    /** A call has been dialled (or marked without dialling) and not logged yet. */
    inCall: call.path.length > 0,
    /** Undo last step has a step to take back. */
    canUndoStep: stepsToUndo(call) > 0,
  };
}

export type Workspace = ReturnType<typeof useWorkspace>;
