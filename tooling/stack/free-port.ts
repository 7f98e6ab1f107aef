import net from 'node:net';

/** True when nothing listens on `port` of `host`. */
export function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The preferred port when it is free, otherwise the next free one above it (up to 100 tries). */
export async function firstFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  for (let port = preferred; port < preferred + 100; port += 1) {
    if (await canListen(port, host)) return port;
  }
  throw new Error(`no free port in ${preferred}-${preferred + 99} on ${host}`);
}

/** A port the OS had free a moment ago (for a child that must be told its port up front). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
