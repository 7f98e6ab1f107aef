import mongoose, { type Connection } from 'mongoose';

/**
 * Opens a mongoose connection to one database of a server. Each service owns its database and
 * builds its models on this connection (`connection.model(...)`), never on the global mongoose.
 */
export async function connectDatabase(url: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    serverSelectionTimeoutMS: 5_000,
    autoIndex: true,
  });
  await connection.asPromise();
  return connection;
}

/** True when the server answers a ping within `timeoutMs`. */
export async function isDatabaseReachable(
  connection: Connection,
  timeoutMs = 2_000,
): Promise<boolean> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = db.command({ ping: 1 }).then((reply) => reply.ok === 1);
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
