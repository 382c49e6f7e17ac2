/**
 * Min klasse (api.md): the roster with each student's level, and the day's roll call
 * (Fraværsføring) on the same screen, saved in one request for the whole class. Everyone is
 * present until marked otherwise; the keyboard moves row by row through native selects.
 */
import { Alert, Button, Field, Label, Paragraph, Select, Table, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router';
import { api, ApiError, must } from '../api/client';
import { refusalText } from '../api/errors';
import { useRoster } from '../api/queries';
import type { AbsenceKind, RosterRow } from '../api/types';
import { groupsOf, hasRole, useMe } from '../auth/session';
import { LevelBadge } from '../components/level-badge';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { formatDate, todayInOslo } from '../i18n/i18n';

type Mark = 'present' | AbsenceKind;
interface RowState {
  mark: Mark;
  amount: string;
}
const MARKS: Mark[] = ['present', 'day', 'lesson', 'late', 'left-early'];

export function ClassPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { groupId = '' } = useParams();
  const [search] = useSearchParams();
  const mine = groupsOf(me).filter((g) => g.groupId === groupId);
  // A leader reaches a class from a school's list with ?skole=; a teacher's own group names its school.
  const schoolId =
    search.get('skole') ?? (mine.length === 1 ? mine[0]!.schoolId : me.schools.length === 1 ? me.schools[0]!.schoolId : undefined);
  const roster = useRoster(schoolId, groupId);
  const school = me.schools.find((s) => s.schoolId === schoolId);
  return (
    <>
      <PageHeading>{t('class.title')}</PageHeading>
      <Paragraph>
        {t('class.group', { group: groupId })}
        {school?.name ? `, ${school.name}` : ''}
      </Paragraph>
      {schoolId === undefined ? (
        <ValidationMessage>{t('app.notFoundText')}</ValidationMessage>
      ) : (
        <QueryState query={roster}>
          {(rows) => (
            <RollCall rows={rows} schoolId={schoolId} groupId={groupId} showLevels={hasRole(me, 'contact-teacher', 'school-leader')} />
          )}
        </QueryState>
      )}
    </>
  );
}

function RollCall({ rows, schoolId, groupId, showLevels }: { rows: RosterRow[]; schoolId: string; groupId: string; showLevels: boolean }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [date, setDate] = useState(todayInOslo());
  const [marks, setMarks] = useState<Record<string, RowState>>({});
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; rows?: Record<string, string> } | null>(null);
  // One key per roll call as typed: a retry after a lost answer is not registered twice.
  const idempotency = useRef<{ body: string; key: string } | null>(null);
  const absences = useMemo(
    () =>
      rows.flatMap((row) => {
        const state = marks[row.studentId];
        if (!state || state.mark === 'present') return [];
        const amount = Number(state.amount);
        const extra =
          state.mark === 'lesson' ? { lessons: amount } : state.mark === 'late' || state.mark === 'left-early' ? { minutes: amount } : {};
        return [{ studentId: row.studentId, kind: state.mark, ...extra }];
      }),
    [rows, marks],
  );
  const setRow = (studentId: string, change: Partial<RowState>) =>
    setMarks((m) => ({ ...m, [studentId]: { ...(m[studentId] ?? { mark: 'present', amount: '' }), ...change } }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (absences.length === 0) {
      setResult({ ok: true, text: t('class.nothingToSave') });
      return;
    }
    const body = { date, absences };
    const text = JSON.stringify(body);
    if (idempotency.current?.body !== text) idempotency.current = { body: text, key: crypto.randomUUID() };
    setSaving(true);
    try {
      await must(
        api.POST('/schools/{schoolId}/groups/{groupId}/roll-calls', {
          params: { path: { schoolId, groupId }, header: { 'Idempotency-Key': idempotency.current.key } as never },
          body: body as never,
        }),
      );
      setResult({ ok: true, text: t('class.saved', { count: absences.length, date: formatDate(date) }) });
      setMarks({});
      idempotency.current = null;
      await queries.invalidateQueries({ queryKey: ['roster', schoolId] });
      // A level changes when the concern saga has judged the new registrations, a moment after
      // they are stored: look again shortly, so the class shows it without a reload.
      for (const ms of [1_000, 3_000, 7_000]) setTimeout(() => void queries.invalidateQueries({ queryKey: ['roster', schoolId] }), ms);
    } catch (error) {
      const refused = (
        error instanceof ApiError ? (error.body?.details as { rows?: { studentId: string; code: string; message: string }[] }) : undefined
      )?.rows;
      const byStudent = Object.fromEntries((refused ?? []).map((r) => [r.studentId, t(`errors.${r.code}`, { defaultValue: r.message })]));
      setResult({ ok: false, text: refusalText(error, t), rows: byStudent });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} className="roll-call">
      <h2 className="ds-heading" data-size="sm">
        {t('class.rollCall')}
      </h2>
      <Paragraph data-size="sm">{t('class.rollCallIntro')}</Paragraph>
      <Textfield
        label={t('class.date')}
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        required
        className="roll-call__date"
      />
      <Table className="roll-call__table" border>
        <caption>{t('class.roster', { group: groupId })}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('class.name')}</Table.HeaderCell>
            {showLevels ? <Table.HeaderCell>{t('class.level')}</Table.HeaderCell> : null}
            <Table.HeaderCell>{t('class.status')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((row) => {
            const state = marks[row.studentId] ?? { mark: 'present', amount: '' };
            const selectId = `mark-${row.studentId}`;
            const problem = result?.rows?.[row.studentId];
            return (
              <Table.Row key={row.studentId} data-marked={state.mark !== 'present' || undefined}>
                <Table.Cell>
                  <RouterLink to={`/elev/${encodeURIComponent(row.studentId)}`}>{row.name}</RouterLink>
                </Table.Cell>
                {showLevels ? (
                  <Table.Cell>
                    <LevelBadge level={row.level} />
                  </Table.Cell>
                ) : null}
                <Table.Cell>
                  <div className="roll-call__mark">
                    <Field data-size="sm">
                      <Label htmlFor={selectId} className="visually-hidden">
                        {t('class.status')}: {row.name}
                      </Label>
                      <Select
                        id={selectId}
                        width="auto"
                        value={state.mark}
                        onChange={(e) => setRow(row.studentId, { mark: e.target.value as Mark })}
                      >
                        {MARKS.map((mark) => (
                          <Select.Option key={mark} value={mark}>
                            {t(`class.${mark}`)}
                          </Select.Option>
                        ))}
                      </Select>
                    </Field>
                    {state.mark === 'lesson' || state.mark === 'late' || state.mark === 'left-early' ? (
                      <Textfield
                        data-size="sm"
                        label={
                          <>
                            {state.mark === 'lesson' ? t('class.lessons') : t('class.minutes')}
                            <span className="visually-hidden">: {row.name}</span>
                          </>
                        }
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={state.mark === 'lesson' ? 20 : 1440}
                        required
                        value={state.amount}
                        onChange={(e) => setRow(row.studentId, { amount: e.target.value })}
                        className="roll-call__amount"
                      />
                    ) : null}
                    {problem ? <ValidationMessage>{problem}</ValidationMessage> : null}
                  </div>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
      <div className="form__actions">
        <Button type="submit" disabled={saving} aria-busy={saving}>
          {t('class.save')}
        </Button>
      </div>
      <div aria-live="polite">{result ? <Alert data-color={result.ok ? 'success' : 'danger'}>{result.text}</Alert> : null}</div>
    </form>
  );
}
