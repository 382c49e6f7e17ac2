/**
 * Historikk (api.md: /revisjon/:caseId): every entry of the case's stream with actor, business
 * date and recording instant; the hash chain's verification in plain words; the case as of any
 * instant; who read it (the access log); and the Noark 5 export.
 */
import { Button, Heading, Paragraph, Table, Textfield, ValidationMessage, Alert } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError, download, must } from '../api/client';
import { refusalText } from '../api/errors';
import { useCase } from '../api/queries';
import type { AccessLogEntry, HistoryEntry } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { PageHeading } from '../components/page-heading';
import { QueryState } from '../components/query-state';
import { formatDate, formatInstant } from '../i18n/i18n';

/** The history's labels are "bokmål / English"; the page shows the Norwegian. */
const norwegian = (label: string) => label.split(' / ')[0] ?? label;

export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { caseId = '' } = useParams();
  const history = useQuery({
    queryKey: ['history', caseId],
    queryFn: () => must<HistoryEntry[]>(api.GET('/cases/{caseId}/history', { params: { path: { caseId } } })),
  });
  const verify = useQuery({
    queryKey: ['verify', caseId],
    queryFn: () => must<{ valid: boolean; events: number }>(api.GET('/cases/{caseId}/history/verify', { params: { path: { caseId } } })),
  });
  const accessLog = useQuery({
    queryKey: ['access-log', caseId],
    enabled: hasRole(me, 'auditor'),
    queryFn: () =>
      must<{ items: AccessLogEntry[] }>(api.GET('/audit/access-log', { params: { query: { caseId, limit: '100' } as never } })),
  });
  const [exportError, setExportError] = useState<string | null>(null);
  const exportNoark = async () => {
    setExportError(null);
    try {
      await download(`/cases/${encodeURIComponent(caseId)}/export/noark`, {}, `noark5-${caseId}.xml`);
    } catch (e) {
      setExportError(refusalText(e, t));
    }
  };
  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <QueryState query={verify}>
        {(v) => (
          <Alert data-color={v.valid ? 'success' : 'danger'} data-testid="chain">
            {v.valid ? t('audit.valid', { events: v.events }) : t('audit.invalid')}
          </Alert>
        )}
      </QueryState>
      <div className="downloads">
        <Button variant="secondary" onClick={() => void exportNoark()}>
          {t('audit.noark')}
        </Button>
        <Button variant="tertiary" onClick={() => window.print()}>
          {t('app.print')}
        </Button>
        {exportError ? <ValidationMessage>{exportError}</ValidationMessage> : null}
      </div>
      <section aria-labelledby="entries-heading">
        <Heading level={2} data-size="sm" id="entries-heading">
          {t('audit.entries')}
        </Heading>
        <QueryState query={history}>
          {(entries) => (
            <Table zebra className="wide-table">
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>#</Table.HeaderCell>
                  <Table.HeaderCell>{t('audit.what')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('audit.who')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('audit.businessDate')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('audit.recordedAt')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('audit.hash')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {entries.map((e) => (
                  <Table.Row key={e.revision}>
                    <Table.Cell>{e.revision}</Table.Cell>
                    <Table.Cell>{norwegian(e.label)}</Table.Cell>
                    <Table.Cell>
                      {e.actor.name ?? e.actor.id} ({t(`role.${e.actor.role}`, { defaultValue: e.actor.role })})
                    </Table.Cell>
                    <Table.Cell>{formatDate(e.occurredAt.slice(0, 10))}</Table.Cell>
                    <Table.Cell>{formatInstant(e.recordedAt)}</Table.Cell>
                    <Table.Cell>
                      <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </QueryState>
      </section>
      <AsOf caseId={caseId} />
      {hasRole(me, 'auditor') ? (
        <section aria-labelledby="access-heading">
          <Heading level={2} data-size="sm" id="access-heading">
            {t('audit.accessLog')}
          </Heading>
          <QueryState query={accessLog}>
            {(log) => (
              <Table className="wide-table">
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('audit.recordedAt')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('audit.who')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('audit.action')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {log.items.map((entry, i) => (
                    <Table.Row key={`${entry.at}-${i}`}>
                      <Table.Cell>{formatInstant(entry.at)}</Table.Cell>
                      <Table.Cell>
                        {entry.actor.id} ({t(`role.${entry.actor.role}`, { defaultValue: entry.actor.role })})
                      </Table.Cell>
                      <Table.Cell>{entry.action}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </QueryState>
        </section>
      ) : null}
    </>
  );
}

/** The case as it stood at an instant the auditor chooses (GET /cases/:id?asOf=). */
function AsOf({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [asOf, setAsOf] = useState<string>();
  const past = useCase(caseId, asOf);
  const show = (event: FormEvent) => {
    event.preventDefault();
    if (input) setAsOf(new Date(input).toISOString());
  };
  return (
    <section aria-labelledby="asof-heading">
      <Heading level={2} data-size="sm" id="asof-heading">
        {t('audit.asOf')}
      </Heading>
      <form onSubmit={show} className="form form--inline">
        <Textfield label={t('audit.asOfLabel')} type="datetime-local" value={input} onChange={(e) => setInput(e.target.value)} required />
        <Button type="submit">{t('audit.show')}</Button>
      </form>
      {asOf && past.error instanceof ApiError && past.error.status === 404 ? (
        <Paragraph data-testid="as-of">{t('audit.notYet', { instant: formatInstant(asOf) })}</Paragraph>
      ) : asOf ? (
        <QueryState query={past}>
          {(c) => (
            <Paragraph data-testid="as-of">
              {formatInstant(asOf)}: {t(`cases.${c.status}`)}, {t('cases.phase').toLowerCase()} {c.phase},{' '}
              {t('case.revision', { revision: c.revision })} · {c.contacts.length} {t('case.contact').toLowerCase()}, {c.meetings.length}{' '}
              {t('case.meeting').toLowerCase()}, {c.measures.length} {t('case.measure').toLowerCase()}
            </Paragraph>
          )}
        </QueryState>
      ) : null}
    </section>
  );
}
