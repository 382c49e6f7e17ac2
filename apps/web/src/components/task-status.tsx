/** A task's status in words (Frist, Over fristen, Utført, Ikke nødvendig), with colour only as support. */
import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../api/types';

const COLOR: Record<TaskStatus, 'info' | 'danger' | 'success' | 'neutral'> = {
  due: 'info',
  overdue: 'danger',
  done: 'success',
  waived: 'neutral',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag data-color={COLOR[status]} data-size="sm">
      {t(status === 'due' ? 'task.due_status' : `task.${status}`)}
    </Tag>
  );
}
