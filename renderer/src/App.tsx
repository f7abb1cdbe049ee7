import { useCallback, useEffect, useRef, useState } from 'react';
import type { CampaignSummary, SessionState } from '../../shared/ipc/types.ts';
import type { Settings } from '../../shared/settings.ts';
import type { TeamChange } from '../../shared/team/events.ts';
import { api, unwrap } from './api.ts';
import { FollowUps } from './FollowUps.tsx';
import { Help } from './Help.tsx';
import { SettingsView } from './SettingsView.tsx';
import { ShiftBar } from './ShiftBar.tsx';
import { NEXT_RECORD_ID, WorkView } from './work/WorkView.tsx';
import { useWorkspace } from './work/workspace.ts';
import { STATUS_WORDS, useTeamStatus } from './useTeam.ts';
import { Campaigns } from './manage/Campaigns.tsx';
import { DoNotCall } from './manage/DoNotCall.tsx';
import { ImportWizard } from './manage/ImportWizard.tsx';
import { Reports } from './manage/Reports.tsx';
import { Board } from './manage/Board.tsx';

type Tab = 'work' | 'followups' | 'import' | 'campaigns' | 'dnc' | 'reports' | 'board' | 'help' | 'settings';
const TABS: { id: Tab; label: string; key: string }[] = [
  { id: 'work', label: 'Work', key: '1' },
  { id: 'followups', label: 'Follow-ups', key: '2' },
  { id: 'import', label: 'Import', key: '3' },
  { id: 'campaigns', label: 'Campaigns', key: '4' },
  { id: 'dnc', label: 'Do-not-call', key: '5' },
  { id: 'reports', label: 'Reports', key: '6' },
  { id: 'help', label: 'Cheat sheet', key: '7' },
  { id: 'settings', label: 'Settings', key: '8' },
  { id: 'board', label: 'Team board', key: '9' },
];

/** How long the message after logging offers Undo (main allows a few minutes). */
const UNDO_OFFER_MS = 20_000;

interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
}

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [campaigns, setCampaigns] = useState<CampaignSummary[]>([]);
  const [session, setSession] = useState<SessionState | null>(null);
  const [tab, setTab] = useState<Tab>('work');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const toastId = useRef(0);

  const notify = useCallback((message: string, kind: 'info' | 'error' = 'info') => {
    const id = ++toastId.current;
    setToasts((t) => [...t.filter((x) => x.kind !== kind).slice(-1), ...t.filter((x) => x.kind === kind).slice(-1), { id, message, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 4000);
  }, []);

  const caller = settings?.callerName ?? '';
  // The shift bar also shows the figures of the scheme of the campaign being worked.
  const campaignId = settings?.lastCampaignId ?? undefined;
  const refreshSession = useCallback(() => {
    if (!caller) return;
    unwrap(api().sessionState({ caller, campaignId }))
      .then(setSession)
      .catch((e: Error) => notify(e.message, 'error'));
  }, [caller, campaignId, notify]);

  useEffect(() => {
    unwrap(api().getSettings({}))
      .then((s) => {
        setSettings(s);
        if (!s.callerName) setTab('settings');
      })
      .catch((e: Error) => notify(e.message, 'error'));
  }, [notify]);

  const refreshCampaigns = useCallback(() => {
    unwrap(api().listCampaigns({}))
      .then(setCampaigns)
      .catch((e: Error) => notify(e.message, 'error'));
  }, [notify]);
  useEffect(refreshCampaigns, [refreshCampaigns]);

  useEffect(refreshSession, [refreshSession]);

  // Connected, offline or back on the desk's own file: the campaigns and the shift come from where the desk now works.
  const onTeamChange = useCallback(
    (change: TeamChange) => {
      if (change.kind !== 'status') return;
      refreshCampaigns();
      refreshSession();
    },
    [refreshCampaigns, refreshSession],
  );
  const team = useTeamStatus(onTeamChange).status;

  // The record and its call live here, above the views: Alt+7 and back loses nothing.
  // After a log (or its undo) the shift totals and the campaigns' open counts follow.
  const onLogged = useCallback(() => {
    refreshSession();
    refreshCampaigns();
  }, [refreshSession, refreshCampaigns]);
  const ws = useWorkspace({ caller, campaignId: settings?.lastCampaignId ?? null, notify, onLogged });
  const { inCall, lastLog, dismissLastLog } = ws;
  // The last log's Undo is offered for a short while.
  useEffect(() => {
    if (!lastLog) return;
    const t = setTimeout(dismissLastLog, UNDO_OFFER_MS);
    return () => clearTimeout(t);
  }, [lastLog, dismissLastLog]);
  // Closing the window mid-call asks first (main shows the question).
  useEffect(() => {
    if (!inCall) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [inCall]);

  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
      document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
    };
    apply();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', apply);
    return () => mq.removeEventListener('change', apply);
  }, [settings?.theme]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      const t = TABS.find((x) => x.key === e.key);
      if (t) {
        e.preventDefault();
        setTab(t.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const chooseCampaign = (id: number) => {
    if (!settings) return;
    const next = { ...settings, lastCampaignId: id };
    setSettings(next);
    void unwrap(api().setSettings(next)).catch((e: Error) => notify(e.message, 'error'));
  };

  if (!settings) return <p className="loading">Starting Outcall…</p>;

  return (
    <div className="app">
      <header className="top">
        <h1>Outcall</h1>
        <nav aria-label="Views">
          <div role="tablist" aria-label="Views">
            {TABS.map((t) => (
              <button
                key={t.id}
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`view-${t.id}`}
                aria-keyshortcuts={`Alt+${t.key}`}
                tabIndex={tab === t.id ? 0 : -1}
                onClick={() => setTab(t.id)}
                onKeyDown={(e) => {
                  const i = TABS.findIndex((x) => x.id === tab);
                  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
                    if (next) {
                      setTab(next.id);
                      document.getElementById(`tab-${next.id}`)?.focus();
                    }
                  }
                }}
              >
                {t.label}
                {t.id === 'followups' && session && session.dueTasks > 0 && (
                  <span className="count" aria-label={`${session.dueTasks} due`}>
                    {session.dueTasks}
                  </span>
                )}
              </button>
            ))}
          </div>
        </nav>
        <p className="who">{caller || 'No caller name yet'}</p>
        {team && team.status !== 'not_connected' && (
          <p className={`team-status ${team.status}`} role="status" title={team.message}>
            Team: {team.target ?? 'team database'}, {STATUS_WORDS[team.status].toLowerCase()}
          </p>
        )}
      </header>
      {caller && (
        <ShiftBar
          state={session}
          holding={ws.view ? { company: ws.view.record.company || `Record ${ws.view.record.id}`, inCall } : null}
          onChange={refreshSession}
          onStarted={() => document.getElementById(NEXT_RECORD_ID)?.focus()}
          onEnded={ws.drop}
          notify={notify}
        />
      )}
      <main>
        <div id={`view-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'work' && (
          <WorkView
            ws={ws}
            caller={caller}
            onShift={!!session?.shift}
            campaignId={settings.lastCampaignId}
            campaigns={campaigns}
            region={settings.defaultRegion}
            onCampaign={chooseCampaign}
            notify={notify}
          />
        )}
        {tab === 'followups' && (
          <FollowUps
            caller={caller}
            onShift={!!session?.shift}
            inCall={inCall}
            notify={notify}
            onOpen={(v) => {
              if (!ws.open(v)) return;
              if (settings.lastCampaignId !== v.campaign.id) chooseCampaign(v.campaign.id);
              setTab('work');
            }}
          />
        )}
        {tab === 'import' &&
          (campaigns.length ? (
            <ImportWizard campaigns={campaigns} defaultRegion={settings.defaultRegion} onImported={refreshCampaigns} notify={notify} />
          ) : (
            <p className="panel">Create a campaign first (Campaigns), then import its lists here.</p>
          ))}
        {tab === 'campaigns' && <Campaigns campaigns={campaigns} defaultRegion={settings.defaultRegion} onSaved={refreshCampaigns} notify={notify} />}
        {tab === 'dnc' && <DoNotCall defaultRegion={settings.defaultRegion} notify={notify} />}
        {tab === 'reports' && <Reports campaigns={campaigns} notify={notify} />}
        {tab === 'board' && <Board />}
        {tab === 'help' && <Help campaigns={campaigns} />}
        {tab === 'settings' && (
          <SettingsView
            settings={settings}
            notify={notify}
            onRestored={() => {
              refreshCampaigns();
              refreshSession();
            }}
            onSaved={(s) => {
              setSettings(s);
              if (s.callerName && !caller) setTab('work');
            }}
          />
        )}
        </div>
      </main>
      {/* Messages sit in their own strip below the views: they never cover the record. */}
      <footer className="messages">
        <div className="message-list" role="status" aria-live="polite">
          {lastLog && (
            <p className="toast logged">
              {lastLog.message}{' '}
              {!inCall && (
                <button type="button" onClick={() => void ws.undoLog()} disabled={ws.busy}>
                  Undo
                </button>
              )}
            </p>
          )}
          {toasts
            .filter((t) => t.kind === 'info')
            .map((t) => (
              <p key={t.id} className="toast">
                {t.message}
              </p>
            ))}
        </div>
        <div className="message-list" role="alert">
          {toasts
            .filter((t) => t.kind === 'error')
            .map((t) => (
              <p key={t.id} className="toast error">
                {t.message}
              </p>
            ))}
        </div>
      </footer>
    </div>
  );
}
