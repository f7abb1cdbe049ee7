import { readFile, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/**
 * The window's `app://outcall/...` scheme, without Electron: serves only the built renderer's
 * own files (nothing outside its folder, no listings, GET only) with the page's Content
 * Security Policy also as a response header.
 */
export const APP_ORIGIN = 'app://outcall';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** The policy index.html sets in its meta tag: the one place it is written. */
export function cspOf(html: string): string {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta?.[1]) throw new Error('index.html has no Content-Security-Policy meta tag');
  return meta[1].replace(/\s+/g, ' ').trim();
}

export async function serveAppRequest(root: string, request: { url: string; method: string }, csp: string): Promise<Response> {
  const refuse = (status: number, text: string) => new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET.');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(400, 'Bad URL.');
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return refuse(404, 'Not found.');
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, 'Bad URL.');
  }
  if (path.includes('\0')) return refuse(400, 'Bad URL.');
  try {
    const base = await realpath(root);
    const file = await realpath(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base + sep)) return refuse(404, 'Not found.');
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return refuse(404, 'Not found.');
  }
}
