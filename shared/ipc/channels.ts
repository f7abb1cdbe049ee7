/** Channel names and the functions the preload exposes for them (no zod: the preload stays small). */
export const CHANNELS = {
  listCampaigns: 'campaigns:list',
  sessionState: 'session:state',
  startShift: 'shift:start',
  endShift: 'shift:end',
  shiftSummary: 'shift:summary',
  exportShift: 'shift:export',
  nextRecord: 'queue:next',
  getRecord: 'record:get',
  releaseRecord: 'record:release',
  logCall: 'call:log',
  sendIntroEmail: 'call:introEmail',
  dial: 'dial:open',
  copyText: 'clipboard:write',
  listTasks: 'tasks:list',
  getSettings: 'settings:get',
  setSettings: 'settings:set',
} as const;

export type ApiName = keyof typeof CHANNELS;
