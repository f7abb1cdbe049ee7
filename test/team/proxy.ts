/**
 * A loopback TCP proxy the test controls, in front of the test PostgreSQL: `cut()` drops every
 * connection through it and refuses new ones (the network is gone, and says so), `freeze()`
 * keeps them open but lets no byte through (the network is gone, silently), `strand()` silences
 * the connections open now for good and lets new ones through (a link that changed under them:
 * another Wi-Fi, a laptop waking up), `mend()` lets them through again. Listens on 127.0.0.1 only; `stop()` closes it.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface Proxy {
  port: number;
  cut(): void;
  freeze(): void;
  strand(): void;
  mend(): void;
  stop(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<Proxy> {
  let open = true;
  let frozen = false;
  const sockets = new Set<Socket>();
  const stranded = new WeakSet<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    track(upstream);
    // Bytes that arrive while frozen are lost, as on a dead link.
    client.on('data', (b) => frozen || stranded.has(client) || upstream.write(b));
    upstream.on('data', (b) => frozen || stranded.has(client) || client.write(b));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    port: address.port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    freeze() {
      frozen = true;
    },
    strand() {
      for (const s of sockets) stranded.add(s);
    },
    mend() {
      open = true;
      frozen = false;
    },
    stop() {
      open = false;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
