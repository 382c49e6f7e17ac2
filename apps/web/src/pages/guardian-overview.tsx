/** Oversikt for a guardian: one card per child, each leading to the child's page. */
import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useStudent } from '../api/queries';
import { QueryState } from '../components/query-state';

export function GuardianChildren({ children }: { children: string[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="children-heading">
      <Heading level={2} data-size="sm" id="children-heading">
        {t('guardian.myChildren')}
      </Heading>
      <div className="cards">
        {children.map((id) => (
          <ChildCard key={id} studentId={id} />
        ))}
      </div>
    </section>
  );
}

function ChildCard({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const student = useStudent(studentId);
  return (
    <Card>
      <QueryState query={student}>
        {(s) => (
          <>
            <Heading level={3} data-size="xs">
              {s.name}
            </Heading>
            <Paragraph data-size="sm">{t('student.group', { group: s.group, school: s.schoolName ?? s.schoolId })}</Paragraph>
            <Link asChild>
              <RouterLink to={`/barn/${encodeURIComponent(studentId)}`}>{t('guardian.open', { name: s.name })}</RouterLink>
            </Link>
          </>
        )}
      </QueryState>
    </Card>
  );
}
