import { createServer } from 'node:net';

/** A free loopback port (asked of the OS, then released for a child process to bind). Tests, bench and scripts share it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
