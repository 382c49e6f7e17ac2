/** Fraværsliste (api.md): a school's students for a period, filtered, and downloaded as CSV or Excel. */
import { Checkbox, Field, Label, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { api, must } from '../api/client';
import { useGroups } from '../api/queries';
import type { AbsenceListRow, Level } from '../api/types';
import { LevelBadge } from '../components/level-badge';
import { DownloadButtons } from '../components/download-buttons';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { SchoolSelect, useListSchools } from '../components/school-select';
import { formatNumber, todayInOslo } from '../i18n/i18n';
import { periodPresets } from './period-presets';

export function AbsenceListPage() {
  const { t } = useTranslation();
  const schools = useListSchools();
  const { presets, current } = periodPresets(todayInOslo());
  const [chosenSchool, setSchoolId] = useState<string>();
  const schoolId = chosenSchool ?? schools[0]?.schoolId;
  const [period, setPeriod] = useState(presets.some((p) => p.value === current) ? current : presets[0]!.value);
  const [group, setGroup] = useState('');
  const [level, setLevel] = useState<'' | Level>('');
  const [onlyOpenCase, setOnlyOpenCase] = useState(false);
  const groups = useGroups(schoolId);
  const query: Record<string, string> = {
    period,
    ...(group ? { group } : {}),
    ...(level ? { level } : {}),
    ...(onlyOpenCase ? { openCase: 'true' } : {}),
  };
  const list = useQuery({
    queryKey: ['absence-list', schoolId, query],
    enabled: schoolId !== undefined,
    queryFn: () =>
      must<AbsenceListRow[]>(
        api.GET('/schools/{schoolId}/absence-list', { params: { path: { schoolId: schoolId! }, query: query as never } }),
      ),
  });
  return (
    <>
      <PageHeading>{t('absenceList.title')}</PageHeading>
      <div className="filters">
        <SchoolSelect schools={schools} value={schoolId} onChange={setSchoolId} />
        <Field>
          <Label htmlFor="period">{t('absenceList.period')}</Label>
          <Select id="period" width="auto" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {presets.map((p) => (
              <Select.Option key={p.value} value={p.value}>
                {t(p.label[0], p.label[1])}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="group">{t('absenceList.group')}</Label>
          <Select id="group" width="auto" value={group} onChange={(e) => setGroup(e.target.value)}>
            <Select.Option value="">{t('absenceList.allGroups')}</Select.Option>
            {(groups.data ?? []).map((g) => (
              <Select.Option key={g.groupId} value={g.groupId}>
                {g.groupId}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="level">{t('absenceList.level')}</Label>
          <Select id="level" width="auto" value={level} onChange={(e) => setLevel(e.target.value as '' | Level)}>
            <Select.Option value="">{t('absenceList.allLevels')}</Select.Option>
            {(['green', 'yellow', 'red'] as const).map((l) => (
              <Select.Option key={l} value={l}>
                {t(`level.${l}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Checkbox label={t('absenceList.onlyOpenCase')} checked={onlyOpenCase} onChange={(e) => setOnlyOpenCase(e.target.checked)} />
      </div>
      <DownloadButtons
        path={`/schools/${encodeURIComponent(schoolId ?? '')}/absence-list`}
        query={query}
        name="fravaersliste"
        disabled={!schoolId}
      />
      <QueryState query={list}>
        {(rows) => (
          <>
            <Paragraph aria-live="polite">{t('absenceList.rows', { count: rows.length })}</Paragraph>
            <Table zebra stickyHeader className="wide-table">
              <caption>{t('absenceList.title')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('absenceList.name')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.group')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.days')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.lessons')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.lates')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.percent')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.level')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('absenceList.openCase')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rows.map((row) => (
                  <Table.Row key={row.studentId}>
                    <Table.Cell>
                      <RouterLink to={`/elev/${encodeURIComponent(row.studentId)}`}>{row.name}</RouterLink>
                    </Table.Cell>
                    <Table.Cell>{row.group}</Table.Cell>
                    <Table.Cell className="number">{row.days}</Table.Cell>
                    <Table.Cell className="number">{row.lessons}</Table.Cell>
                    <Table.Cell className="number">{row.lates}</Table.Cell>
                    <Table.Cell className="number">{formatNumber(row.absencePercent)}</Table.Cell>
                    <Table.Cell>
                      <LevelBadge level={row.level} />
                    </Table.Cell>
                    <Table.Cell>{row.openCase ? t('absenceList.yes') : t('absenceList.no')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        )}
      </QueryState>
    </>
  );
}
