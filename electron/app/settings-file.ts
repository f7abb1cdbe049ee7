import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { recoverSettings } from '../../shared/settings.ts';
import { setAside } from '../engine/db/problems.ts';

/**
 * Repairs the app's settings file (electron-store's config.json) before the store reads it, so
 * that one bad value does not cost the rest: valid fields are kept, bad ones take their
 * defaults, and a file that is no JSON object is kept aside. Returns what to tell the user, or
 * null when there was nothing to repair.
 */
export function repairSettingsFile(file: string, now: Date): string | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const aside = setAside(file, now);
    return `${basename(file)} could not be read (it is not a JSON object), so every setting was reset to its default. The old file is kept as ${aside}.`;
  }
  const { settings, reset } = recoverSettings(raw);
  if (reset.length === 0) return null;
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, '\t'));
  renameSync(temp, file);
  return `Some settings in ${basename(file)} were not valid and were reset to their defaults: ${reset.join('; ')}. The other settings were kept.`;
}
