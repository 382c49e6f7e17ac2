import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore, StoredEvent } from '#event-store/event-store.port.js';
import { caseDecider } from '#domain/case/index.js';
import { parseStreamName, schoolStream, studentStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { studentDecider } from '#domain/student/index.js';
import { fold } from '#domain/shared/decider.js';
import { caseToNoark } from '#audit/noark/case-to-noark.js';
import { exportArkivuttrekk } from '#audit/noark/export-arkivuttrekk.js';
import { assignCorrectionsToCases } from '#audit/noark/absence-corrections.js';
import { documentFiles } from '#audit/noark/document-file.js';
import { toDomainEvent } from '#domain/events/upcast.js';
import { verifyChain } from '#audit/verify-chain.js';
import { withEventStore } from '../cli-stores.js';
import { describeBreaks } from './verify.command.js';
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

const caseIdOf = (history: readonly StoredEvent[]): string => (history[0]!.data as { caseId: string }).caseId;

/** The school's cases active in the period as an arkivuttrekk folder: four XML files. */
export interface ExportNoarkResult {
  files: string[];
  cases: number;
  /**
   * Streams behind the extract (the cases and their students) whose hash chain does not hold:
   * the extract is written from what is stored, and says so, so an archive never takes in
   * altered records unnoticed. Empty when every chain holds.
   */
  broken: { stream: string; brokenAt: number; reason: string }[];
}

export async function exportNoarkFolder(
  options: ExportNoarkOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<ExportNoarkResult> {
  return withEventStore(async (store: EventStore) => {
    const school = state(schoolDecider, await store.readStream(schoolStream(options.school)));
    if (school.status !== 'registered') throw new Error(`school ${options.school} not found`);
    const caseStreams = (await store.listStreams()).filter((s) => parseStreamName(s)?.category === 'case');
    type CaseRead = {
      history: StoredEvent[];
      state: { status: string; schoolId: string; studentId: string; openedOn: string; closure: { on: string } | null };
    };
    const casesOfStudent = new Map<string, CaseRead[]>();
    for (const [i, stream] of caseStreams.entries()) {
      onProgress?.(i + 1, caseStreams.length);
      const history = await store.readStream(stream);
      const c = state(caseDecider, history) as unknown as CaseRead['state'];
      if (c.status === 'none' || c.schoolId !== options.school) continue;
      casesOfStudent.set(c.studentId, [...(casesOfStudent.get(c.studentId) ?? []), { history, state: c }]);
    }
    const models = [];
    const broken: ExportNoarkResult['broken'] = [];
    const check = (stream: string, history: readonly StoredEvent[]) => {
      const result = verifyChain(history);
      if (!result.valid) broken.push({ stream, brokenAt: result.brokenAt, reason: result.reason });
    };
    for (const [studentId, cases] of casesOfStudent) {
      const exported = cases.filter((c) => activeIn(c.state, options.from, options.to));
      if (exported.length === 0) continue;
      const studentHistory = await store.readStream(studentStream(studentId));
      check(studentStream(studentId), studentHistory);
      for (const c of exported) check(c.history[0]!.stream, c.history);
      const student = state(studentDecider, studentHistory);
      // Corrections of the student's registrations go to the change log of one of the student's
      // case files (all of them, exported or not, take part, so the choice never depends on the period).
      const corrections = assignCorrectionsToCases(
        cases.map((c) => ({ caseId: caseIdOf(c.history), openedAt: c.history[0]!.metadata.recordedAt })),
        studentHistory.filter((e) => e.type === 'AbsenceCorrected'),
      );
      for (const c of exported) {
        models.push(
          caseToNoark(c.history, {
            schoolName: school.name,
            studentName: student.status === 'enrolled' ? student.name : studentId,
            studentGroup: student.status === 'enrolled' ? student.group : undefined,
            absenceCorrections: corrections.get(caseIdOf(c.history)) ?? [],
          }),
        );
      }
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
    return { files: written, cases: models.length, broken };
  });
}

@Command({ name: 'export-noark', description: "Export a school's cases for a period as a Noark 5.5 arkivuttrekk folder" })
export class ExportNoarkCommand extends CommandRunner {
  async run(_: string[], options: ExportNoarkOptions): Promise<void> {
    const bar = progressBar('streams');
    const result = await exportNoarkFolder(options, (done, total) => bar.update(done, total));
    bar.stop();
    process.stdout.write(`${JSON.stringify({ out: options.out, ...result })}\n`);
    if (result.broken.length > 0) {
      process.stderr.write(describeBreaks(result));
      process.exitCode = 1;
    }
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
