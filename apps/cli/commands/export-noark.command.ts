import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore, StoredEvent } from '../../../libs/event-store/event-store.port.js';
import { caseDecider } from '../../../libs/domain/case/index.js';
import { parseStreamName, schoolStream, studentStream } from '../../../libs/domain/events/stream-name.js';
import { schoolDecider } from '../../../libs/domain/school/index.js';
import { studentDecider } from '../../../libs/domain/student/index.js';
import { fold } from '../../../libs/domain/shared/decider.js';
import { caseToNoark } from '../../../libs/audit/noark/case-to-noark.js';
import { exportArkivuttrekk } from '../../../libs/audit/noark/export-arkivuttrekk.js';
import { documentFiles } from '../../../libs/audit/noark/document-file.js';
import { toDomainEvent } from '../../../libs/domain/events/upcast.js';
import { withEventStore } from '../cli-stores.js';
import { progressBar } from '../progress.js';

export interface ExportNoarkOptions {
  school: string;
  from: string;
  to: string;
  out: string;
}

const state = <S>(decider: { evolve: (s: S, e: never) => S; initialState: () => S }, events: StoredEvent[]) =>
  fold(decider as never, events.map((e) => toDomainEvent(e)) as never) as S;

/** Was the case open at some point in [from, to]? (opened by `to`, and not closed before `from`) */
function activeIn(caseState: { openedOn: string; status: string; closure: { on: string } | null }, from: string, to: string): boolean {
  if (caseState.openedOn > to) return false;
  return caseState.status === 'open' || !caseState.closure || caseState.closure.on >= from;
}

/** The school's cases active in the period as an arkivuttrekk folder: four XML files. */
export async function exportNoarkFolder(options: ExportNoarkOptions, onProgress?: (done: number, total: number) => void): Promise<{ files: string[]; cases: number }> {
  return withEventStore(async (store: EventStore) => {
    const school = state(schoolDecider, await store.readStream(schoolStream(options.school)));
    if (school.status !== 'registered') throw new Error(`school ${options.school} not found`);
    const caseStreams = (await store.listStreams()).filter((s) => parseStreamName(s)?.category === 'case');
    const models = [];
    for (const [i, stream] of caseStreams.entries()) {
      onProgress?.(i + 1, caseStreams.length);
      const history = await store.readStream(stream);
      const c = state(caseDecider, history) as unknown as { status: string; schoolId: string; studentId: string; openedOn: string; closure: { on: string } | null };
      if (c.status === 'none' || c.schoolId !== options.school || !activeIn(c, options.from, options.to)) continue;
      const student = state(studentDecider, await store.readStream(studentStream(c.studentId)));
      models.push(
        caseToNoark(history, {
          schoolName: school.name,
          studentName: student.status === 'enrolled' ? student.name : c.studentId,
          studentGroup: student.status === 'enrolled' ? student.group : undefined,
        }),
      );
    }
    if (models.length === 0) throw new Error(`school ${options.school} has no cases active from ${options.from} to ${options.to}`);
    const files = exportArkivuttrekk(models, { from: options.from, to: options.to, schoolName: school.name });
    mkdirSync(options.out, { recursive: true });
    const written: string[] = [];
    // The XML files, then the documents their dokumentobjekt entries refer to (with checksums).
    for (const [name, text] of [...Object.entries(files), ...Object.entries(documentFiles(models))]) {
      if (text === undefined) continue;
      mkdirSync(dirname(join(options.out, name)), { recursive: true });
      writeFileSync(join(options.out, name), text);
      written.push(name);
    }
    return { files: written, cases: models.length };
  });
}

@Command({ name: 'export-noark', description: 'Export a school\'s cases for a period as a Noark 5.5 arkivuttrekk folder' })
export class ExportNoarkCommand extends CommandRunner {
  async run(_: string[], options: ExportNoarkOptions): Promise<void> {
    const bar = progressBar('streams');
    const result = await exportNoarkFolder(options, (done, total) => bar.update(done, total));
    bar.stop();
    process.stdout.write(`${JSON.stringify({ out: options.out, ...result })}\n`);
  }

  @Option({ flags: '--school <id>', required: true }) parseSchool(v: string): string {
    return v;
  }
  @Option({ flags: '--from <date>', required: true }) parseFrom(v: string): string {
    return date(v);
  }
  @Option({ flags: '--to <date>', required: true }) parseTo(v: string): string {
    return date(v);
  }
  @Option({ flags: '--out <dir>', required: true }) parseOut(v: string): string {
    return v;
  }
}

function date(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`expected a date YYYY-MM-DD, got ${v}`);
  return v;
}
