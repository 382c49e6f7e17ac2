/** A concern level: colour never alone (api.md, The web app): an icon shape and the word too. */
import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Level } from '../api/types';

const LOOK: Record<Level, { color: 'success' | 'warning' | 'danger'; icon: string }> = {
  green: { color: 'success', icon: '●' },
  yellow: { color: 'warning', icon: '▲' },
  red: { color: 'danger', icon: '■' },
};

export function LevelBadge({ level }: { level: Level | undefined }) {
  const { t } = useTranslation();
  if (!level) return <span>{t('level.none')}</span>;
  const { color, icon } = LOOK[level];
  return (
    <Tag data-color={color} data-level={level} data-size="sm">
      <span aria-hidden="true">{icon} </span>
      {t(`level.${level}`)}
    </Tag>
  );
}
