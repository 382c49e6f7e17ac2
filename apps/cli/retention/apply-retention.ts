/**
 * `cli retention`: what the retention rules make due (libs/domain/privacy/retention.ts), and with
 * `--approve` the erasures and blockings an admin approved, carried out as the API's routes do
 * (libs/application/privacy/erasure.ts). Nothing is erased without that approval.
 *
 * The read models are read current: led here when no service runs (and then rebuilt after an
 * erasure, so no clear text of an erased student stays in them); followed when one does (its
 * ErasureFollowUp rebuilds them).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '#domain/shared/domain-error.js';
import { dueItems, type DueItem, type RetentionRule } from '#domain/privacy/retention.js';
import { blockCase, eraseStudent } from '#application/privacy/erasure.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { todayInOslo } from '#application/clock.js';
import { onEmbeddedStores, openDocumentStore, openEventStore } from '#application/stores/open-stores.js';
import { runningServices } from '#application/stores/service-marks.js';
import { takeLead } from '#application/stores/leader-election.js';
import { Projector } from '#read-models/projector/projector.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { casesOfStudent } from '#read-models/projections/cases/case.queries.js';
import { retentionFacts } from '#read-models/projections/retention/retention-facts.js';
import { storeSettings } from '../cli-stores.js';

export interface RetentionReport {
  asOf: string;
  due: DueItem[];
  /** What was carried out, by item id: erased, blocked, blocked-instead (archived), or why not. */
  done: Record<string, string>;
  rebuilt: boolean;
}

export async function applyRetention(options: {
  rules: readonly RetentionRule[];
  /** Item ids, or 'all'; none: list only. */
  approve?: readonly string[] | 'all';
  today?: string;
  settings?: ReturnType<typeof storeSettings>;
}): Promise<RetentionReport> {
  const settings = options.settings ?? storeSettings();
  const today = options.today ?? todayInOslo();
  const events = await openEventStore(settings);
  const documents = await openDocumentStore(settings);
  const served = onEmbeddedStores(settings) && runningServices(settings.dataDir).length > 0;
  const lock = !served && settings.postgresUrl ? await takeLead(settings.postgresUrl, documents) : null;
  const lead = !served && lock !== undefined;
  const projector = new Projector({
    eventStore: events,
    documentStore: documents,
    projections: ALL_PROJECTIONS,
    mode: lead ? 'lead' : 'follow',
  });
  try {
    await projector.start();
    if (lead) await projector.waitForPosition(await events.headPosition(), 600_000);
    const facts = await retentionFacts(
      { directory: projector.reader(directoryProjection.name), cases: projector.reader(caseProjection.name) },
      null,
    );
    const due = dueItems(options.rules, facts, today);
    const approved = options.approve === 'all' ? due : due.filter((item) => options.approve?.includes(item.id));
    const done: Record<string, string> = {};
    const writer = new StreamWriter(events);
    const actor = { id: 'cli:retention', role: 'admin' };
    const casesOf = async (studentId: string) =>
      (await casesOfStudent(projector.reader(caseProjection.name), studentId)).map((c) => c.caseId);
    let erased = 0;
    for (const item of approved) {
      try {
        if (item.action === 'erase') {
          const erasureId = randomUUID();
          await eraseStudent(
            { writer, keys: events.keys, casesOf },
            { studentId: item.studentId!, erasureId, legalBasis: 'retention', reason: `Retensjonsregel ${item.ruleId}`, actor, today },
          );
          done[item.id] = 'erased';
          erased++;
        } else {
          await blockCase(writer, {
            caseId: item.caseId!,
            blockingId: randomUUID(),
            reason: `Retensjonsregel ${item.ruleId}`,
            actor,
            today,
          });
          done[item.id] = 'blocked';
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        done[item.id] = error.code === 'archived' ? 'blocked-instead (archived)' : error.code;
      }
    }
    if (erased > 0 && lead) await Promise.all(projector.projectionNames().map((name) => projector.rebuild(name)));
    return { asOf: today, due, done, rebuilt: erased > 0 && lead };
  } finally {
    await projector.stop();
    await lock?.release();
    await documents.close();
    await events.close();
  }
}
