/** Norwegian-looking names and places from small lists: enough variety for lists and case files. */
import type { Random } from './random.js';

const GIRLS = [
  'Nora', 'Emma', 'Ella', 'Maja', 'Olivia', 'Sofie', 'Ingrid', 'Leah', 'Sara', 'Frida', 'Ada', 'Hedda',
  'Selma', 'Astrid', 'Tiril', 'Mathilde', 'Ida', 'Thea', 'Sigrid', 'Live', 'Aurora', 'Vilde', 'Julie', 'Mia',
];
const BOYS = [
  'Jakob', 'Emil', 'Noah', 'Oliver', 'Filip', 'William', 'Lucas', 'Henrik', 'Isak', 'Aksel', 'Magnus', 'Elias',
  'Sander', 'Tobias', 'Johannes', 'Kasper', 'Theodor', 'Mathias', 'Ulrik', 'Odin', 'Sindre', 'Eirik', 'Håkon', 'Vetle',
];
const ADULTS = ['Kari', 'Ola', 'Anne', 'Per', 'Ingrid', 'Knut', 'Berit', 'Lars', 'Hilde', 'Geir', 'Silje', 'Trond', 'Marte', 'Espen', 'Randi', 'Øystein'];
const SURNAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Bakken', 'Strand', 'Moen', 'Solberg', 'Aas', 'Lie', 'Nygård',
];
const PLACES = [
  'Bekkestua', 'Eikeli', 'Hosle', 'Jar', 'Lysaker', 'Stabekk', 'Høvik', 'Sandvika', 'Rykkinn', 'Bærums Verk',
  'Haslum', 'Løkeberg', 'Østerås', 'Jong', 'Hundsund', 'Storøya', 'Evje', 'Gjettum', 'Hauger', 'Ringstabekk',
  'Bryn', 'Belset', 'Blommenholm', 'Grav', 'Hammerbakken', 'Skui', 'Slependen', 'Tanum', 'Vøyenenga', 'Lommedalen',
  'Emma Hjorth', 'Gullhaug', 'Hosletoppen', 'Kolsås', 'Mølladammen', 'Nadderud', 'Ramstad', 'Rud', 'Steinerud', 'Valler',
];

export const studentName = (r: Random): string => `${r.chance(0.5) ? r.pick(GIRLS) : r.pick(BOYS)} ${r.pick(SURNAMES)}`;
export const adultName = (r: Random): string => `${r.pick(ADULTS)} ${r.pick(SURNAMES)}`;

/** The name of school number `index` (0-based); past the list, places repeat with a number. */
export function schoolName(index: number, level: 'barneskole' | 'ungdomsskole' | 'kombinert'): string {
  const place = PLACES[index % PLACES.length]!;
  const round = Math.floor(index / PLACES.length);
  const suffix = level === 'barneskole' ? 'skole' : level === 'ungdomsskole' ? 'ungdomsskole' : 'skole (1–10)';
  return `${place} ${suffix}${round > 0 ? ` ${round + 1}` : ''}`;
}
