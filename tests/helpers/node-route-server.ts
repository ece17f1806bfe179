/** A Next API route's handler (Node request and response) behind a real HTTP server on 127.0.0.1, for tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NodeRouteServer {
  /** base URL, e.g. http://127.0.0.1:12345 */
  url: string;
  close(): Promise<void>;
}

export async function serveNodeRoute(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<NodeRouteServer> {
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
