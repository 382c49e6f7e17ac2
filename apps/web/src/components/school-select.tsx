/** The school a list is for: the person's schools (a teacher's, those of the own groups). */
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import type { SchoolRow } from '../api/types';
import { hasRole, useMe } from '../auth/session';

export function SchoolSelect({
  schools,
  value,
  onChange,
}: {
  schools: { schoolId: string; name: string | null }[];
  value: string | undefined;
  onChange: (schoolId: string) => void;
}) {
  const { t } = useTranslation();
  if (schools.length <= 1) return null;
  return (
    <Field>
      <Label htmlFor="school">{t('absenceList.school')}</Label>
      <Select id="school" width="auto" value={value} onChange={(e) => onChange(e.target.value)}>
        {schools.map((s) => (
          <Select.Option key={s.schoolId} value={s.schoolId}>
            {s.name ?? s.schoolId}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * The schools a person's lists may be for: all of a leader's, the schools of a teacher's own
 * groups; the auditor and the municipality, whose tokens name no school, the municipality's.
 */
export function useListSchools(): { schoolId: string; name: string | null }[] {
  const me = useMe();
  const wide = hasRole(me, 'auditor', 'municipality') && me.schools.length === 0 && me.municipality !== null;
  const municipal = useQuery({
    queryKey: ['schools', me.municipality],
    enabled: wide,
    queryFn: () =>
      must<SchoolRow[]>(api.GET('/municipalities/{municipalityId}/schools', { params: { path: { municipalityId: me.municipality! } } })),
  });
  if (wide) return municipal.data ?? [];
  if (hasRole(me, 'school-leader', 'student-services', 'auditor')) return me.schools;
  const own = new Set(me.groups.map((g) => g.split('/')[0]));
  return me.schools.filter((s) => own.has(s.schoolId));
}
