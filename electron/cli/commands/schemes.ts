import { SCHEMES, type OutcomeScheme } from '../../../shared/schemes/index.ts';
import { table, type Command } from '../kit.ts';

/** The outcome schemes a campaign can choose, with their outcomes. */

function schemeJson(s: OutcomeScheme) {
  return {
    id: s.id,
    version: s.version,
    name: s.name,
    description: s.description,
    flow: s.flow,
    outcomes: s.codes.map((c) => ({
      slug: c.slug, label: c.label, whenToUse: c.whenToUse, open: c.open, counts: c.counts, weight: c.weight, key: c.shortcut || null,
    })),
  };
}

function schemeText(s: OutcomeScheme): string {
  const rows = s.codes.map((c) => [c.shortcut.toUpperCase(), c.slug, c.label, c.open ? 'open' : 'closed', c.counts ?? '', c.weight]);
  return [
    `${s.id}: ${s.name} (version ${s.version}, call flow ${s.flow})`,
    `  ${s.description}`,
    table(['KEY', 'OUTCOME', 'LABEL', 'RECORD', 'COUNTS', 'WEIGHT'], rows).replace(/^/gm, '  '),
  ].join('\n');
}

export const SCHEME_COMMANDS: Record<string, Command> = {
  schemes: {
    usage: 'schemes',
    summary: 'List the outcome schemes a campaign can use (campaign create --scheme ID), with their outcomes.',
    options: {},
    // The schemes are this build's, the same on either store: nothing is read from a database.
    team: 'own',
    run: ({ out }) => {
      out(SCHEMES.map(schemeText).join('\n\n'), SCHEMES.map(schemeJson));
    },
  },
};
