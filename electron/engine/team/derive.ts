/**
 * A later migration that replaces a function takes its text from the migration that created it
 * and changes only what it changes: released migrations are never edited, so the earlier text
 * is fixed, and a change that no longer finds its place fails as this module loads.
 */

/** `CREATE FUNCTION name(` (or `CREATE OR REPLACE`) to its body's closing `$$;` (plpgsql's `END $$;`, or a sql function's), as an earlier migration wrote it. */
export function functionText(sql: string, name: string): string {
  const start = sql.search(new RegExp(`CREATE (OR REPLACE )?FUNCTION ${name}\\(`));
  const body = start < 0 ? -1 : sql.indexOf('$$', start);
  const end = body < 0 ? -1 : sql.indexOf('$$;', body + 2);
  if (end < 0) throw new Error(`No function ${name} in the earlier migration's text.`);
  return sql.slice(start, end + '$$;'.length);
}

/** An earlier migration's function made over: `CREATE OR REPLACE`, with each [from, to] replaced. */
export function remade(sql: string, name: string, ...changes: [from: string, to: string][]): string {
  return replaced(functionText(sql, name).replace(/^CREATE (OR REPLACE )?FUNCTION/, 'CREATE OR REPLACE FUNCTION'), ...changes);
}

/** Text between two markers (both found once), the markers left out. */
export function between(text: string, from: string, to: string): string {
  const start = once(text, from) + from.length;
  const end = text.indexOf(to, start);
  if (end < 0) throw new Error(`"${to.slice(0, 60)}" does not follow "${from.slice(0, 60)}" in the earlier migration's text.`);
  return text.slice(start, end);
}

/** `text` with each [from, to] replaced; every `from` must be found exactly once. */
export function replaced(text: string, ...changes: [from: string, to: string][]): string {
  return changes.reduce((t, [from, to]) => {
    const at = once(t, from);
    return t.slice(0, at) + to + t.slice(at + from.length);
  }, text);
}

function once(text: string, part: string): number {
  const at = text.indexOf(part);
  if (at < 0 || text.indexOf(part, at + 1) >= 0) {
    throw new Error(`"${part.slice(0, 60)}" is ${at < 0 ? 'not' : 'more than once'} in the earlier migration's text.`);
  }
  return at;
}
