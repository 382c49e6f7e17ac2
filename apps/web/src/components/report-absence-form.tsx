/** A guardian's written report of absence (POST /students/:id/absences): recorded as reported by a guardian. */
import { Alert, Button, Field, Label, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import { refusalText } from '../api/errors';
import { formatDate } from '../i18n/i18n';

const KINDS = ['day', 'lesson', 'late', 'left-early'] as const;

export function ReportAbsenceForm({ studentId, today }: { studentId: string; today: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form, setForm] = useState({ date: today, kind: 'day' as (typeof KINDS)[number], lessons: '1', minutes: '15', reason: '' });
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState(null);
    const body = {
      date: form.date,
      kind: form.kind,
      ...(form.kind === 'lesson' ? { lessons: Number(form.lessons) } : {}),
      ...(form.kind === 'late' || form.kind === 'left-early' ? { minutes: Number(form.minutes) } : {}),
      ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
    };
    try {
      await must(api.POST('/students/{studentId}/absences', { params: { path: { studentId } }, body: body as never }));
      setState({ ok: true, text: t('guardian.reported', { date: formatDate(form.date) }) });
      setForm((f) => ({ ...f, reason: '' }));
      await queries.invalidateQueries({ queryKey: ['registrations', studentId] });
    } catch (e) {
      setState({ ok: false, text: refusalText(e, t) });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <Textfield
        label={t('class.date')}
        type="date"
        value={form.date}
        max={today}
        onChange={(e) => setForm({ ...form, date: e.target.value })}
        required
      />
      <Field>
        <Label htmlFor="report-kind">{t('class.status')}</Label>
        <Select id="report-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as (typeof KINDS)[number] })}>
          {KINDS.map((kind) => (
            <Select.Option key={kind} value={kind}>
              {t(`class.${kind}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      {form.kind === 'lesson' ? (
        <Textfield
          label={t('class.lessons')}
          type="number"
          min={1}
          max={10}
          value={form.lessons}
          onChange={(e) => setForm({ ...form, lessons: e.target.value })}
        />
      ) : null}
      {form.kind === 'late' || form.kind === 'left-early' ? (
        <Textfield
          label={t('class.minutes')}
          type="number"
          min={1}
          max={480}
          value={form.minutes}
          onChange={(e) => setForm({ ...form, minutes: e.target.value })}
        />
      ) : null}
      <Field>
        <Label htmlFor="report-reason">{t('class.reason')}</Label>
        <Textarea id="report-reason" rows={2} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
      </Field>
      <Button type="submit">{t('guardian.send')}</Button>
      <div aria-live="polite">
        {state ? state.ok ? <Alert data-color="success">{state.text}</Alert> : <ValidationMessage>{state.text}</ValidationMessage> : null}
      </div>
    </form>
  );
}
