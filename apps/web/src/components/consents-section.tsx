/**
 * A guardian's consents for their child (api.md: give and withdraw consents in their cases, recorded
 * as given by that guardian): the list with a withdrawal per live consent, and a form to give one.
 */
import { Alert, Button, Field, Label, Select, Table, Textfield, ValidationMessage, Paragraph } from '@digdir/designsystemet-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must, post } from '../api/client';
import { refusalText } from '../api/errors';
import type { ChildConsent } from '../api/types';
import { formatDate } from '../i18n/i18n';
import { QueryState } from './query-state';

const PURPOSES = ['ppt', 'stafettlogg', 'bup', 'school-nurse', 'gp', 'other'] as const;

export function ConsentsSection({ studentId, today }: { studentId: string; today: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const consents = useQuery({
    queryKey: ['consents', studentId],
    queryFn: () => must<ChildConsent[]>(api.GET('/students/{studentId}/consents', { params: { path: { studentId } } })),
  });
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const withdraw = async (c: ChildConsent) => {
    setState(null);
    try {
      await post(`/cases/${encodeURIComponent(c.caseId)}/consents/${encodeURIComponent(c.consentId)}/withdrawal`, { at: today });
      setState({ ok: true, text: t('guardian.withdrawnSaved') });
      await queries.invalidateQueries({ queryKey: ['consents', studentId] });
    } catch (e) {
      setState({ ok: false, text: refusalText(e, t) });
    }
  };
  return (
    <>
      <QueryState query={consents}>
        {(list) =>
          list.length === 0 ? (
            <Paragraph>{t('guardian.noConsents')}</Paragraph>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('guardian.scrollTable')}>
              <Table zebra>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('guardian.purpose')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('guardian.recipients')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('guardian.given')}</Table.HeaderCell>
                    <Table.HeaderCell>{t('guardian.status')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {list.map((c) => (
                    <Table.Row key={c.consentId}>
                      <Table.Cell>{t(`purpose.${c.purpose}`)}</Table.Cell>
                      <Table.Cell>{c.recipients.join(', ')}</Table.Cell>
                      <Table.Cell>
                        {formatDate(c.givenOn)} ({c.givenBy.name})
                      </Table.Cell>
                      <Table.Cell>
                        {c.withdrawnOn ? (
                          t('guardian.withdrawn', { date: formatDate(c.withdrawnOn) })
                        ) : (
                          <Button variant="secondary" data-size="sm" onClick={() => void withdraw(c)}>
                            {t('guardian.withdraw')}
                          </Button>
                        )}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
          )
        }
      </QueryState>
      <div aria-live="polite">
        {state ? state.ok ? <Alert data-color="success">{state.text}</Alert> : <ValidationMessage>{state.text}</ValidationMessage> : null}
      </div>
      <GiveConsentForm studentId={studentId} today={today} caseIds={[...new Set((consents.data ?? []).map((c) => c.caseId))]} />
    </>
  );
}

/** The case to consent in: the child's cases that already hold consents, or those the innsyn names. */
function GiveConsentForm({ studentId, today, caseIds }: { studentId: string; today: string; caseIds: string[] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const cases = useQuery({
    queryKey: ['guardian-cases', studentId],
    enabled: caseIds.length === 0,
    queryFn: async () =>
      (
        await must<{ cases: { caseId: string; blocked: boolean; status?: string }[] }>(
          api.GET('/students/{studentId}/innsyn', { params: { path: { studentId }, query: {} } }),
        )
      ).cases
        .filter((c) => !c.blocked && c.status === 'open')
        .map((c) => c.caseId),
  });
  const options = caseIds.length > 0 ? caseIds : (cases.data ?? []);
  const [form, setForm] = useState({ caseId: '', purpose: 'ppt', recipients: '' });
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  if (options.length === 0) return cases.isPending && caseIds.length === 0 ? null : <Paragraph>{t('guardian.noCase')}</Paragraph>;
  const caseId = form.caseId || options[0]!;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState(null);
    const recipients = form.recipients
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    try {
      await post(`/cases/${encodeURIComponent(caseId)}/consents`, { purpose: form.purpose, recipients, givenAt: today });
      setState({ ok: true, text: t('guardian.givenSaved') });
      setForm({ ...form, recipients: '' });
      await queries.invalidateQueries({ queryKey: ['consents', studentId] });
    } catch (e) {
      setState({ ok: false, text: refusalText(e, t) });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      {options.length > 1 ? (
        <Field>
          <Label htmlFor="consent-case">{t('guardian.case')}</Label>
          <Select id="consent-case" value={caseId} onChange={(e) => setForm({ ...form, caseId: e.target.value })}>
            {options.map((id) => (
              <Select.Option key={id} value={id}>
                {id}
              </Select.Option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field>
        <Label htmlFor="consent-purpose">{t('guardian.purpose')}</Label>
        <Select id="consent-purpose" value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.target.value })}>
          {PURPOSES.map((p) => (
            <Select.Option key={p} value={p}>
              {t(`purpose.${p}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield
        label={t('guardian.recipients')}
        description={t('guardian.recipientsHelp')}
        value={form.recipients}
        onChange={(e) => setForm({ ...form, recipients: e.target.value })}
        required
      />
      <Button type="submit">{t('guardian.give')}</Button>
      <div aria-live="polite">
        {state ? state.ok ? <Alert data-color="success">{state.text}</Alert> : <ValidationMessage>{state.text}</ValidationMessage> : null}
      </div>
    </form>
  );
}
