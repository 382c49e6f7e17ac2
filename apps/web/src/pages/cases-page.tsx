/** Saker: the cases of the person's schools (a contact teacher's: the own groups'), searched by name. */
import { Field, Label, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCases } from '../api/queries';
import { hasRole, useMe } from '../auth/session';
import { DownloadButtons } from '../components/download-buttons';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { SchoolSelect, useListSchools } from '../components/school-select';
import { formatDate } from '../i18n/i18n';

export function CasesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const auditor = hasRole(me, 'auditor');
  const schools = useListSchools();
  const [chosenSchool, setSchool] = useState<string>();
  // The auditor names a school; the others see all of theirs at once.
  const schoolId = auditor ? (chosenSchool ?? schools[0]?.schoolId) : chosenSchool;
  const [status, setStatus] = useState<'open' | 'closed' | ''>('open');
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const cases = useCases(
    { ...(schoolId ? { schoolId } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}) },
    !auditor || schoolId !== undefined,
  );
  return (
    <>
      <PageHeading>{t('cases.title')}</PageHeading>
      <div className="filters">
        {auditor ? <SchoolSelect schools={schools} value={schoolId} onChange={setSchool} /> : null}
        <Field>
          <Label htmlFor="case-status">{t('cases.status')}</Label>
          <Select id="case-status" width="auto" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'closed' | '')}>
            <Select.Option value="open">{t('cases.open')}</Select.Option>
            <Select.Option value="closed">{t('cases.closed')}</Select.Option>
            <Select.Option value="">{t('cases.all')}</Select.Option>
          </Select>
        </Field>
        <Textfield label={t('cases.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
      </div>
      <DownloadButtons
        path="/cases"
        query={{ ...(schoolId ? { schoolId } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}) }}
        name="saker"
        disabled={auditor && !schoolId}
      />
      <QueryState query={cases}>
        {(rows) =>
          rows.length === 0 ? (
            <Paragraph>{t('cases.none')}</Paragraph>
          ) : (
            <Table zebra className="wide-table">
              <caption>{t('cases.title')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('cases.student')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('cases.group')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('cases.phase')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('cases.status')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('cases.openedOn')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('cases.nextDue')}</Table.HeaderCell>
                  {auditor ? <Table.HeaderCell>{t('cases.history')}</Table.HeaderCell> : null}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((c) => (
                  <Table.Row key={c.caseId}>
                    <Table.Cell>
                      <RouterLink to={`/sak/${c.caseId}`}>{c.studentName ?? c.studentId}</RouterLink>
                    </Table.Cell>
                    <Table.Cell>{c.group ?? ''}</Table.Cell>
                    <Table.Cell>
                      {c.phase}
                      {c.phaseName ? `: ${c.phaseName}` : ''}
                    </Table.Cell>
                    <Table.Cell>{t(`cases.${c.status}`)}</Table.Cell>
                    <Table.Cell>{formatDate(c.openedOn)}</Table.Cell>
                    <Table.Cell>{formatDate(c.nextDueOn)}</Table.Cell>
                    {auditor ? (
                      <Table.Cell>
                        <RouterLink to={`/revisjon/${c.caseId}`}>
                          {t('cases.history')}
                          <span className="visually-hidden">: {c.studentName}</span>
                        </RouterLink>
                      </Table.Cell>
                    ) : null}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )
        }
      </QueryState>
    </>
  );
}
