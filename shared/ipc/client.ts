import type { TeamChange } from '../team/events.ts';
import { CHANNELS, PUSHES, type ApiName } from './channels.ts';
import type { Input, Outputs, Result } from './contract.ts';

/** What main pushes on each channel of PUSHES. */
export interface Pushed {
  onTeamChange: TeamChange;
}

/**
 * The API the renderer sees as `window.outcall`: one named function per channel, and one
 * listener function per pushed channel, which returns its unsubscribe function.
 */
export type OutcallApi = {
  [N in ApiName]: (input: Input<(typeof CHANNELS)[N]>) => Promise<Result<Outputs[(typeof CHANNELS)[N]]>>;
} & { [P in keyof typeof PUSHES]: (listener: (value: Pushed[P]) => void) => () => void };

/** Listens on a pushed channel; returns the unsubscribe function. */
export type Subscribe = (channel: string, listener: (value: unknown) => void) => () => void;

/**
 * Builds the API over an invoke function and a subscribe function: ipcRenderer's in the
 * preload, a test binding in the harness.
 */
export function createApi(invoke: (channel: string, input: unknown) => Promise<unknown>, subscribe: Subscribe = () => () => undefined): OutcallApi {
  const api: Record<string, (input: never) => unknown> = {};
  for (const [name, channel] of Object.entries(CHANNELS)) api[name] = (input) => invoke(channel, input);
  for (const [name, channel] of Object.entries(PUSHES)) api[name] = (listener: (value: unknown) => void) => subscribe(channel, listener);
  return Object.freeze(api) as unknown as OutcallApi;
}
