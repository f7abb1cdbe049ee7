import { DatabaseProblem, setAside, type DatabaseProblemKind } from '../engine/db/problems.ts';

/**
 * What the desktop app offers when its database cannot be opened, without Electron: main gives
 * it a window to ask in and a file picker. Each offer is one that can work for that problem.
 */
export type StartupChoice = 'retry' | 'open' | 'fresh' | 'quit';

export const CHOICE_LABELS: Record<StartupChoice, string> = {
  retry: 'Try again',
  open: 'Open another database file…',
  fresh: 'Make a fresh database (keep the old file aside)',
  quit: 'Quit',
};

const CHOICES: Record<DatabaseProblemKind, StartupChoice[]> = {
  newer: ['open', 'fresh', 'quit'],
  damaged: ['open', 'fresh', 'quit'],
  // A fresh file cannot be written in a read-only folder, and a locked one is in use.
  'read-only': ['retry', 'open', 'quit'],
  locked: ['retry', 'open', 'quit'],
  folder: ['open', 'quit'],
};

export interface StartupUi {
  ask(problem: { title: string; message: string; detail: string }, choices: readonly StartupChoice[]): Promise<StartupChoice>;
  /** An existing database file chosen by the user; null when cancelled. */
  pickDatabase(): Promise<string | null>;
}

export function choicesFor(kind: DatabaseProblemKind): readonly StartupChoice[] {
  return CHOICES[kind];
}

function detail(problem: DatabaseProblem, choices: readonly StartupChoice[]): string {
  const lines: Record<StartupChoice, string> = {
    retry: 'Try again: open the same file once more (after closing the other program or fixing the folder).',
    open: 'Open another database file: choose an Outcall .db file elsewhere, for this session.',
    fresh: `Make a fresh database: ${problem.file} is renamed with today's date beside it (nothing is deleted) and Outcall starts with an empty database.`,
    quit: 'Quit: nothing is changed.',
  };
  return choices.map((c) => lines[c]).join('\n');
}

/**
 * Starts the engine on `file`; on a DatabaseProblem asks what to do and does it, until the
 * engine starts (its value and the file it opened) or the user quits (null).
 */
export async function startWithRecovery<T>(file: string, start: (file: string) => Promise<T>, ui: StartupUi, now: () => Date = () => new Date()): Promise<{ value: T; file: string } | null> {
  for (;;) {
    try {
      return { value: await start(file), file };
    } catch (e) {
      if (!(e instanceof DatabaseProblem)) throw e;
      const choices = choicesFor(e.kind);
      const choice = await ui.ask({ title: 'Outcall cannot open its database', message: e.message, detail: detail(e, choices) }, choices);
      if (choice === 'quit') return null;
      if (choice === 'open') file = (await ui.pickDatabase()) ?? file;
      if (choice === 'fresh') setAside(e.file, now());
    }
  }
}
