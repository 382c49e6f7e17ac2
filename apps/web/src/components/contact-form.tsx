/** A contact with the guardians or the student, recorded without opening a case (POST /students/:id/contacts). */
import { Button, Field, Fieldset, Label, Radio, Select, Textarea, Textfield, ValidationMessage, Alert } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import { refusalText } from '../api/errors';
import { todayInOslo } from '../i18n/i18n';

const CHANNELS = ['phone', 'meeting', 'message', 'home-visit'] as const;

export function ContactForm({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [form, setForm] = useState({ with: 'guardian', channel: 'phone', at: todayInOslo(), summary: '' });
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState(null);
    try {
      await must(api.POST('/students/{studentId}/contacts', { params: { path: { studentId } }, body: form as never }));
      setForm((f) => ({ ...f, summary: '' }));
      setState({ ok: true, text: t('student.contactSaved') });
      await queries.invalidateQueries({ queryKey: ['tasks'] });
    } catch (e) {
      setState({ ok: false, text: refusalText(e, t) });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <Fieldset>
        <Fieldset.Legend>{t('contact.with')}</Fieldset.Legend>
        {(['guardian', 'student'] as const).map((party) => (
          <Radio
            key={party}
            name="contact-with"
            label={t(`contact.${party}`)}
            value={party}
            checked={form.with === party}
            onChange={() => setForm({ ...form, with: party })}
          />
        ))}
      </Fieldset>
      <Field>
        <Label htmlFor="contact-channel">{t('contact.channel')}</Label>
        <Select id="contact-channel" value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value })}>
          {CHANNELS.map((c) => (
            <Select.Option key={c} value={c}>
              {t(`contact.${c}`)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield label={t('contact.at')} type="date" value={form.at} onChange={(e) => setForm({ ...form, at: e.target.value })} required />
      <Field>
        <Label htmlFor="contact-summary">{t('contact.summary')}</Label>
        <Textarea
          id="contact-summary"
          rows={3}
          value={form.summary}
          onChange={(e) => setForm({ ...form, summary: e.target.value })}
          required
        />
      </Field>
      <Button type="submit">{t('contact.save')}</Button>
      <div aria-live="polite">
        {state ? state.ok ? <Alert data-color="success">{state.text}</Alert> : <ValidationMessage>{state.text}</ValidationMessage> : null}
      </div>
    </form>
  );
}
