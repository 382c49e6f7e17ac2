/** What a person can do about one task: mark a by-hand step done, or (a leader) say it is not needed. */
import { Button, Paragraph, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, must } from '../api/client';
import { refusalText } from '../api/errors';
import type { Task } from '../api/types';
import { hasRole, useMe } from '../auth/session';
import { todayInOslo } from '../i18n/i18n';

export function TaskActions({ task }: { task: Task }) {
  const { t } = useTranslation();
  const me = useMe();
  const queries = useQueryClient();
  const [open, setOpen] = useState<'complete' | 'waive' | null>(null);
  const [on, setOn] = useState(todayInOslo());
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (task.status !== 'due' && task.status !== 'overdue') return null;
  const canWaive = hasRole(me, 'school-leader');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const path = { params: { path: { taskId: task.taskId } } };
    try {
      if (open === 'complete')
        await must(api.POST('/tasks/{taskId}/completion', { ...path, body: { on, ...(text ? { note: text } : {}) } }));
      else await must(api.POST('/tasks/{taskId}/waiver', { ...path, body: { reason: text } }));
      setOpen(null);
      await queries.invalidateQueries({ queryKey: ['tasks'] });
    } catch (e) {
      setError(refusalText(e, t));
    }
  };
  if (open) {
    return (
      <form onSubmit={(e) => void submit(e)} className="form form--inline">
        {open === 'complete' ? (
          <Textfield label={t('task.doneOn')} type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
        ) : null}
        <Textfield
          label={open === 'complete' ? t('task.note') : t('task.waiveReason')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required={open === 'waive'}
        />
        <Button type="submit" data-size="sm">
          {open === 'complete' ? t('task.markDone') : t('task.waive')}
        </Button>
        <Button type="button" variant="tertiary" data-size="sm" onClick={() => setOpen(null)}>
          ✕<span className="visually-hidden">{t('app.cancel')}</span>
        </Button>
        {error ? <ValidationMessage>{error}</ValidationMessage> : null}
      </form>
    );
  }
  return (
    <div className="task-actions">
      {task.closedBy === 'hand' ? (
        <Button variant="secondary" data-size="sm" onClick={() => setOpen('complete')}>
          {t('task.markDone')}
        </Button>
      ) : (
        <Paragraph data-size="xs">{t('task.byRecord')}</Paragraph>
      )}
      {canWaive ? (
        <Button variant="tertiary" data-size="sm" onClick={() => setOpen('waive')}>
          {t('task.waive')}
        </Button>
      ) : null}
    </div>
  );
}
