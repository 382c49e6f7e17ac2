/**
 * GET /ppt/cases — what the `ppt` role may see (api.md: "only cases referred to or consulted
 * with PPT while a PPT consent is valid, in own municipality"). A withdrawn consent hides the
 * case from its withdrawal date on.
 *
 * Data minimisation: the consent covers sharing with PPT, so only PPT's referrals and
 * consents are shown; referrals to barnevern or BUP, contacts and mappings stay with the school.
 */
import type { CaseConsent, CaseDoc, CaseMeasure, CaseMeeting, CaseReferral, StudentSchoolLevel } from '../cases/case-doc.js';
import { CASES } from '../cases/case-doc.js';
import type { CaseReader } from '../cases/case.queries.js';
import { pptAccess } from '../cases/case-timeline.js';
import { readPptSummary } from './ppt-summary-cache.js';
import { pptIsResponsibleFor, pptTookPartIn } from '#domain/case/ppt-share.js';

export interface PptCase {
  caseId: string;
  status: 'open' | 'closed';
  student: { id: string; name: string | null; grade: number | null };
  school: { id: string; name: string | null };
  schoolLevel: StudentSchoolLevel | null;
  phase: number;
  referrals: Omit<CaseReferral, 'seq'>[];
  consents: CaseConsent[];
  measures: (Omit<CaseMeasure, 'seq' | 'evaluations'> & { evaluations: Omit<CaseMeasure['evaluations'][number], 'seq'>[] })[];
  meetings: Omit<CaseMeeting, 'seq'>[];
}

/**
 * The cases PPT may see on `today`, by school then student name. Which ones is decided on the
 * municipality's PPT summary; only those full case documents are read.
 */
export async function getPptCases(reader: CaseReader, municipalityId: string, today: string): Promise<PptCase[]> {
  const summary = await readPptSummary(reader, municipalityId);
  if (!summary) return [];
  const visible = Object.entries(summary.cases)
    .filter(([, entry]) => {
      const access = pptAccess(entry, today);
      return access.referredOrConsulted && access.consentValid;
    })
    .map(([caseId]) => caseId);
  const docs = await reader.getMany<CaseDoc>(CASES, visible);
  return (
    [...docs.values()]
      // A blocked case is the auditor's alone (api.md, Privacy); PPT's statistics still count it.
      .filter((doc) => !doc.blocked)
      .map((doc) => toPptCase(doc, today))
      .sort((a, b) => compare(a.school.name, b.school.name) || compare(a.student.name, b.student.name) || compare(a.caseId, b.caseId))
  );
}

function toPptCase(doc: CaseDoc, today: string): PptCase {
  return {
    caseId: doc.caseId,
    status: doc.status,
    student: { id: doc.studentId, name: doc.studentName, grade: doc.grade },
    school: { id: doc.schoolId, name: doc.schoolName },
    schoolLevel: doc.schoolLevel,
    phase: doc.phase,
    // Records dated after `today` cannot exist (dates in the future are refused), so no date filter beyond PPT's own.
    referrals: doc.referrals.filter((r) => r.to === 'ppt' && r.on <= today).map(withoutSeq),
    consents: doc.consents.filter((c) => c.purpose === 'ppt'),
    // plans.md, "Consent": what PPT's consent covers, the measures and meetings PPT is part of.
    measures: doc.measures.filter(pptIsResponsibleFor).map((m) => ({ ...withoutSeq(m), evaluations: m.evaluations.map(withoutSeq) })),
    meetings: [...doc.meetings]
      .filter(pptTookPartIn)
      .sort((a, b) => compare(a.heldOn, b.heldOn) || a.seq - b.seq)
      .map(withoutSeq),
  };
}

/** `seq` orders records inside the read model; it is not part of the answer (issue 19). */
function withoutSeq<T extends object>(record: T): Omit<T, 'seq'> {
  const { seq: _seq, ...rest } = record as T & { seq?: number };
  return rest;
}

function compare(a: string | null, b: string | null): number {
  return (a ?? '').localeCompare(b ?? '', 'nb');
}
