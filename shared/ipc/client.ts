import { CHANNELS, type ApiName } from './channels.ts';
import type { Input, Outputs, Result } from './contract.ts';

/** The API the renderer sees as `window.outcall`: one named function per channel. */
export type OutcallApi = {
  [N in ApiName]: (input: Input<(typeof CHANNELS)[N]>) => Promise<Result<Outputs[(typeof CHANNELS)[N]]>>;
};

/** Builds the API over an invoke function: ipcRenderer.invoke in the preload, a test binding in the harness. */
export function createApi(invoke: (channel: string, input: unknown) => Promise<unknown>): OutcallApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, channel] of Object.entries(CHANNELS)) api[name] = (input) => invoke(channel, input);
  return Object.freeze(api) as OutcallApi;
}
