import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../shared/callflow/index.ts';

/** The README's keyboard line names every call flow's keys, as its buttons offer them. */
describe("the README's keyboard line", () => {
  it("lists each flow's event keys, in the order of its buttons", () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
    const line = readme.slice(readme.indexOf('**Keyboard**'), readme.indexOf('`Alt+N`'));
    for (const [id, flow] of Object.entries(FLOWS)) {
      const keys = flow.buttons.map((b) => b.key.toUpperCase()).join(' ');
      expect(line, id).toContain(`(\`${id}\`): \`${keys}\``);
    }
  });
});
