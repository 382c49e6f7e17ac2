/**
 * A STAND-IN for EventStoreDB's gRPC Streams service: not EventStoreDB. It answers `Read` with
 * events the adapter can decode and, like a server reading a large `$all`, keeps the call open
 * until the client cancels it (it ignores `maxCount` on purpose: what is tested is that the
 * client cancels what it leaves). Like the real server, it allows 100 concurrent streams per
 * connection. It tests the client library's behaviour with the adapter, not the adapter against
 * EventStoreDB.
 */
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export interface StandIn {
  url: string;
  /** Read calls open right now. */
  open(): number;
  /** Read calls started so far. */
  started(): number;
  close(): Promise<void>;
}

function recordedEvent(commit: number): streamsPb.ReadResp {
  const record = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  record.setId(new sharedPb.UUID().setString(randomUUID()));
  record.setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from('student-stand-in')));
  record.setStreamRevision(String(commit));
  record.setPreparePosition(String(commit));
  record.setCommitPosition(String(commit));
  record
    .getMetadataMap()
    .set('type', 'AbsenceRegistered')
    .set('content-type', 'application/json')
    .set('created', String(Date.now() * 10_000));
  const envelope = { schemaVersion: 1, indexInAppend: 0, revision: commit, previousHash: null, hash: `hash-${commit}` };
  record.setCustomMetadata(Buffer.from(JSON.stringify(envelope)));
  record.setData(Buffer.from('{}'));
  return new streamsPb.ReadResp().setEvent(new streamsPb.ReadResp.ReadEvent().setEvent(record));
}

export async function startStandIn(): Promise<StandIn> {
  let open = 0;
  let started = 0;
  const server = new grpc.Server({ 'grpc.max_concurrent_streams': 100 });
  server.addService(streamsGrpc.StreamsService, {
    read: (call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>) => {
      open += 1;
      started += 1;
      let done = false;
      const finish = () => {
        if (!done) open -= 1;
        done = true;
      };
      call.on('cancelled', finish);
      call.on('close', finish);
      call.on('error', finish);
      // The newest events first, as a backwards read of $all gives them; then nothing, and the call stays open.
      for (let commit = 9000; commit > 8990; commit--) call.write(recordedEvent(commit));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    open: () => open,
    started: () => started,
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}
