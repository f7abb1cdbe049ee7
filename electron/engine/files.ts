import { statSync } from 'node:fs';
import { UserError } from './errors.ts';

/** Refuses, in words, a path that is not a readable file: missing, or a folder. */
export function mustBeFile(file: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(file).isDirectory();
  } catch {
    throw new UserError(`Cannot read ${file}: no such file.`);
  }
  if (isFolder) throw new UserError(`${file} is a folder, not a file: choose a file in it.`);
}
