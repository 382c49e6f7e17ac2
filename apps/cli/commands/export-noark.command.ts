import { basename } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore, StoredEvent } from '#event-store/event-store.port.js';
import { caseDecider } from '#domain/case/index.js';
import { caseStream, parseStreamName, schoolStream, studentStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { studentDecider } from '#domain/student/index.js';
import { fold } from '#domain/shared/decider.js';
import { caseToNoark } from '#audit/noark/case-to-noark.js';
import { exportArkivuttrekk } from '#audit/noark/export-arkivuttrekk.js';
import { assignCorrectionsToCases } from '#audit/noark/absence-corrections.js';
import { documentFiles } from '#audit/noark/document-file.js';
import { buildDeposit, DESCRIPTION_FILE } from '#audit/noark/deposit/build-deposit.js';
import { packDeposit, writeDepositFolder } from '#audit/noark/deposit/deposit-package.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import { Clock } from '#application/clock.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { toDomainEvent } from '#domain/events/upcast.js';
import { verifyChain } from '#audit/verify-chain.js';
import { withEventStore } from '../cli-stores.js';
import { describeBreaks } from './verify.command.js';
import { progressBar } from '../progress.js';
import { parseCsvDate } from '../import/absence-csv.js';

export interface ExportNoarkOptions {
  school: string;
  from: string;
  to: string;
  out: string;
  /** Pack as `<out>/<id>.tar` with `<id>.info` beside it, as Arkivverket receives a deposit. */
  tar?: boolean;
  /** Write the deposit without recording it in the cases' histories (to try an export, or test it). */
  dryRun?: boolean;
  /** Default: a random UUID. */
  depositId?: string;
  /** Print the result as one JSON object instead of lines for a person. */
  json?: boolean;
}

const EXPORT_ACTOR = { id: 'cli:export-noark', role: 'admin' };

const state = <S>(decider: { evolve: (s: S, e: never) => S; initialState: () => S }, events: StoredEvent[]) =>
  fold(decider as never, events.map((e) => toDomainEvent(e)) as never) as S;

/** Was the case open at some point in [from, to]? (opened by `to`, and not closed before `from`) */
function activeIn(caseState: { openedOn: string; status: string; closure: { on: string } | null }, from: string, to: string): boolean {
  if (caseState.openedOn > to) return false;
  return caseState.status === 'open' || !caseState.closure || caseState.closure.on >= from;
}

const caseIdOf = (history: readonly StoredEvent[]): string => (history[0]!.data as { caseId: string }).caseId;

/** The school's cases active in the period as a Noark 5 deposit. */
export interface ExportNoarkResult {
  depositId: string;
  /** The deposit's files (folder), or the TAR and INFO file (packed). */
  files: string[];
  cases: number;
  /** What the recorded checksum is of, and its value. */
  checksum: { of: string; sha256: string };
  /** Cases whose history now records the deposit (none on a dry run, or when a chain is broken). */
  recorded: number;
  counts: { mapper: number; registreringer: number; dokumentfiler: number };
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
    const caseIds: string[] = [];
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
        caseIds.push(caseIdOf(c.history));
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
    const deposit = buildDeposit({
      id: options.depositId,
      uttrekk: exportArkivuttrekk(models, { from: options.from, to: options.to, schoolName: school.name }),
      documents: documentFiles(models),
      recordCreator: school.name,
      archive: `Elevsaker – ${school.name}`,
      period: { from: options.from, to: options.to },
    });
    let files: string[];
    let checksum: ExportNoarkResult['checksum'];
    if (options.tar) {
      const packed = await packDeposit(deposit, options.out);
      files = [basename(packed.tarFile), basename(packed.infoFile)];
      checksum = { of: basename(packed.tarFile), sha256: packed.sha256 };
    } else {
      files = await writeDepositFolder(options.out, deposit.files);
      checksum = { of: DESCRIPTION_FILE, sha256: deposit.descriptionSha256 };
    }
    // A deposit taken from altered records is written (and reported) but not recorded as made.
    const record = !options.dryRun && broken.length === 0;
    if (record) {
      const writer = new StreamWriter(store);
      const today = new Clock(process.env.CLOCK_TODAY || null).today();
      for (const caseId of caseIds) {
        await writer.execute(
          caseStream(caseId),
          caseDecider,
          {
            type: 'RecordDeposit',
            data: {
              caseId,
              depositId: deposit.id,
              checksum: { algorithm: 'SHA-256', value: checksum.sha256, of: checksum.of },
              period: { from: options.from, to: options.to },
            },
          },
          { today },
          { actor: EXPORT_ACTOR, eventIds: [nameBasedUuid(`deposit/${deposit.id}/${caseId}`)] },
        );
      }
    }
    return {
      depositId: deposit.id,
      files,
      cases: models.length,
      checksum,
      recorded: record ? models.length : 0,
      counts: deposit.counts,
      broken,
    };
  });
}

@Command({
  name: 'export-noark',
  description: "Export a school's cases for a period as a Noark 5.5 deposit (folder, or --tar), recorded in each case's history",
})
export class ExportNoarkCommand extends CommandRunner {
  async run(_: string[], options: ExportNoarkOptions): Promise<void> {
    const bar = progressBar('streams');
    const result = await exportNoarkFolder(options, (done, total) => bar.update(done, total));
    bar.stop();
    if (options.json) process.stdout.write(`${JSON.stringify({ out: options.out, ...result })}\n`);
    else process.stdout.write(describeDeposit(options.out, result));
    if (result.broken.length > 0) {
      process.stderr.write(describeBreaks(result));
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--school <id>', required: true }) parseSchool(v: string): string {
    return v;
  }
  @Option({ flags: '--from <date>', required: true, description: 'YYYY-MM-DD or DD.MM.YYYY' }) parseFrom(v: string): string {
    return date(v);
  }
  @Option({ flags: '--to <date>', required: true, description: 'YYYY-MM-DD or DD.MM.YYYY' }) parseTo(v: string): string {
    return date(v);
  }
  @Option({ flags: '--out <dir>', required: true }) parseOut(v: string): string {
    return v;
  }
  @Option({ flags: '--tar', description: 'pack as <id>.tar with an INFO file <id>.info holding its SHA-256' }) parseTar(): boolean {
    return true;
  }
  @Option({ flags: '--dry-run', description: "write the deposit without recording it in the cases' histories" }) parseDryRun(): boolean {
    return true;
  }
  @Option({ flags: '--deposit-id <uuid>', description: 'the deposit id (default: a new UUID)' }) parseDepositId(v: string): string {
    return v;
  }
  @Option({ flags: '--json', description: 'print the result as one JSON object (for scripts)' }) parseJson(): boolean {
    return true;
  }
}

/** YYYY-MM-DD or the Norwegian DD.MM.YYYY, as `import` takes them. */
function date(v: string): string {
  const iso = parseCsvDate(v);
  if (!iso) throw new Error(`expected a date YYYY-MM-DD or DD.MM.YYYY, got ${v}`);
  return iso;
}

/** What a person reads: the deposit, then each file on a line of its own. */
function describeDeposit(out: string, result: ExportNoarkResult): string {
  return [
    `Deposit ${result.depositId}: ${result.cases} cases, ${result.recorded} recorded in their histories.`,
    `Files in ${out}:`,
    ...result.files.map((f) => `  ${f}`),
    `SHA-256 of ${result.checksum.of}: ${result.checksum.sha256}`,
    '',
  ].join('\n');
}
