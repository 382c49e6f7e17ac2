import type { StreamingRead } from '@eventstore/db-client';

/**
 * Reads a streaming gRPC read until `visit` says stop (returns false) or the read ends, and
 * cancels the call when it stops early. Leaving a `for await` with break or return only destroys
 * the client's Transform: in `@eventstore/db-client` 6.2.1 the gRPC call beneath stays open,
 * paused, and holds one of the server's concurrent streams (100 by default) until the client is
 * disposed. Enough of them and every later call hangs.
 */
export async function consume<E>(read: StreamingRead<E>, visit: (item: E) => boolean | void): Promise<void> {
  let ended = false;
  try {
    for await (const item of read) {
      if (visit(item as E) === false) return;
    }
    ended = true;
  } finally {
    if (!ended) await read.cancel().catch(() => undefined);
  }
}

/**
 * The client takes `esdb://` and `esdb+discover://`; KurrentDB (EventStoreDB's new name) documents
 * `kurrentdb://` and `kurrentdb+discover://` (and `kdb://`) for the same thing.
 */
export function clientConnectionString(url: string): string {
  return url.replace(
    /^(kurrentdb|kurrent|kdb)(\+discover)?:\/\//i,
    (_, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`,
  );
}
