/**
 * One record form of the case page. It sends `If-Match` with the revision the page shows; a
 * 409 keeps everything typed and says that someone else changed the case (api.md, Writes).
 */
import { Alert, Button, Field, Label, Select, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { refusalText } from '../api/errors';
import type { CaseDoc } from '../api/types';
import { todayInOslo } from '../i18n/i18n';
import type { FormSpec, Values } from '../pages/case-forms';

export function RecordForm({
  spec,
  caseDoc,
  submit,
  onReload,
}: {
  spec: FormSpec;
  caseDoc: CaseDoc;
  submit: (path: string, body: unknown, revision: number) => Promise<void>;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const fields = spec.fields(caseDoc);
  const initial = (): Values =>
    Object.fromEntries(fields.map((f) => [f.name, f.kind === 'date' ? todayInOslo() : f.kind === 'select' ? (f.options?.[0] ?? '') : '']));
  const [values, setValues] = useState<Values>(initial);
  const [state, setState] = useState<{ kind: 'saved' | 'conflict' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setState(null);
    setSaving(true);
    try {
      await submit(spec.path(values), spec.body(values), caseDoc.revision);
      setValues(initial());
      setState({ kind: 'saved', text: t('case.saved') });
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409;
      setState({ kind: conflict ? 'conflict' : 'error', text: conflict ? t('case.conflict') : refusalText(error, t) });
    } finally {
      setSaving(false);
    }
  };
  const id = (name: string) => `${spec.id}-${name}`;
  return (
    <form onSubmit={(e) => void onSubmit(e)} className="form" aria-label={t(spec.title)}>
      {fields.map((f) => {
        const value = values[f.name] ?? '';
        const set = (v: string) => setValues((old) => ({ ...old, [f.name]: v }));
        if (f.kind === 'select') {
          return (
            <Field key={f.name}>
              <Label htmlFor={id(f.name)}>{t(f.label)}</Label>
              <Select id={id(f.name)} value={value} onChange={(e) => set(e.target.value)} required={f.required}>
                {(f.options ?? []).map((o) => (
                  <Select.Option key={o} value={o}>
                    {f.labels?.[o] ?? (f.optionKeys ? t(`${f.optionKeys}.${o}`) : o)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          );
        }
        if (f.kind === 'textarea' || f.kind === 'lines') {
          return (
            <Field key={f.name}>
              <Label htmlFor={id(f.name)}>{t(f.label)}</Label>
              <Textarea
                id={id(f.name)}
                rows={f.kind === 'lines' ? 3 : 4}
                value={value}
                onChange={(e) => set(e.target.value)}
                required={f.required}
              />
            </Field>
          );
        }
        return (
          <Textfield
            key={f.name}
            id={id(f.name)}
            label={t(f.label)}
            type={f.kind === 'number' ? 'number' : f.kind === 'date' ? 'date' : 'text'}
            value={value}
            onChange={(e) => set(e.target.value)}
            required={f.required}
          />
        );
      })}
      <div className="form__actions">
        <Button type="submit" disabled={saving} aria-busy={saving}>
          {t('case.save')}
        </Button>
      </div>
      <div aria-live="polite">
        {state?.kind === 'saved' ? <Alert data-color="success">{state.text}</Alert> : null}
        {state?.kind === 'conflict' ? (
          <Alert data-color="warning">
            {state.text}{' '}
            <Button type="button" variant="secondary" data-size="sm" onClick={onReload}>
              {t('case.reload')}
            </Button>
          </Alert>
        ) : null}
        {state?.kind === 'error' ? <ValidationMessage>{state.text}</ValidationMessage> : null}
      </div>
    </form>
  );
}
