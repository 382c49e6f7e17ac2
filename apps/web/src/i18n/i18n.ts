/**
 * Bokmål and nynorsk (api.md, The web app: "bokmål, nynorsk by the user's choice"). The
 * choice is kept in the browser (it is no personal data); dates and numbers follow it.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nb from './nb.json';
import nn from './nn.json';

export type Language = 'nb' | 'nn';
const STORAGE_KEY = 'skolefravaer.language';

function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'nn' ? 'nn' : 'nb';
}

void i18n.use(initReactI18next).init({
  resources: { nb: { translation: nb }, nn: { translation: nn } },
  lng: initialLanguage(),
  fallbackLng: 'nb',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** Browsers without nynorsk locale data (Chromium's reduced ICU) format numbers and dates as bokmål does. */
const NYNORSK_INTL = Intl.NumberFormat.supportedLocalesOf(['nn-NO']).length > 0 ? 'nn-NO' : 'nb-NO';

/** `nb-NO` or `nn-NO`, for Intl: "3,6" and "3.12.2026" either way. */
export function locale(): string {
  return i18n.language === 'nn' ? NYNORSK_INTL : 'nb-NO';
}

/** A business date (YYYY-MM-DD) as the reader writes it: 3.12.2026. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, d!)),
  );
}

/** An instant in Oslo time: 3.12.2026, 14:05. */
export function formatInstant(instant: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(instant));
}

export function formatNumber(value: number | string, digits = 1): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value) : value;
}

let businessToday: string | null = null;

/** The service's business date (GET /me), which the forms default to; it may be pinned (CLOCK_TODAY). */
export function setBusinessToday(date: string | null): void {
  businessToday = date;
}

/** Today as the service counts it, else today in Oslo: YYYY-MM-DD. */
export function todayInOslo(): string {
  return businessToday ?? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
}

export default i18n;
