import { describe, expect, it } from '@jest/globals';
import { realisticCase, SCREENED_WORDS } from './realistic-case.fixture.js';
import { assertPublicTitlesScreened, findPublicTitleLeaks, ScreenedWordInPublicField, screenedWordsIn } from './screened-words.js';

describe('screenedWordsIn', () => {
  it('finds whole words regardless of case, Norwegian letters included', () => {
    expect(screenedWordsIn('Samtykke frå PÅL ødegård', SCREENED_WORDS)).toEqual(['Pål', 'Ødegård']);
    expect(screenedWordsIn('Referat: Ingrid.', ['Ingrid'])).toEqual(['Ingrid']);
  });

  it('does not fire inside longer words, where æøå count as letters', () => {
    expect(screenedWordsIn('Olavsgate og Bakkeneset', ['Ola', 'Bakken'])).toEqual([]);
    expect(screenedWordsIn('Pålsen', ['Pål'])).toEqual([]);
    expect(screenedWordsIn('Åsheimsvegen', ['Åsheim'])).toEqual([]);
  });

  it('treats screened words literally, not as patterns', () => {
    expect(screenedWordsIn('A.B', ['A.B'])).toEqual(['A.B']);
    expect(screenedWordsIn('AxB', ['A.B'])).toEqual([]);
  });

  it('does not count a screened surname inside the school’s public name', () => {
    expect(screenedWordsIn('Oppfølging av skolefravær – elev ved Haugen skole', ['Ola', 'Haugen'], ['Haugen skole'])).toEqual([]);
    expect(screenedWordsIn('Ola Haugen, Haugen skole', ['Ola', 'Haugen'], ['haugen SKOLE'])).toEqual(['Ola', 'Haugen']);
  });

  it('ignores blank entries instead of matching everything', () => {
    expect(screenedWordsIn('Oppfølging av skolefravær', ['', '  '])).toEqual([]);
  });
});

describe('findPublicTitleLeaks', () => {
  it('finds nothing in the realistic case', () => {
    expect(findPublicTitleLeaks(realisticCase())).toEqual([]);
  });

  it('lets a school share its name with the student’s surname', () => {
    const model = realisticCase({
      administrativEnhet: 'Bakken skule',
      offentligTittel: 'Oppfølging av skolefravær – elev ved Bakken skule',
    });
    expect(findPublicTitleLeaks({ ...model, journalposter: [] })).toEqual([]);
  });

  it('names the field and the word of each leak', () => {
    const model = realisticCase({ offentligTittel: 'Oppfølging – Ingrid Bakken' });
    expect(findPublicTitleLeaks(model)).toEqual([
      { field: 'offentligTittel', word: 'Ingrid' },
      { field: 'offentligTittel', word: 'Bakken' },
    ]);
  });

  it('throws with the fields but not the words', () => {
    const model = realisticCase({ offentligTittel: 'Oppfølging – Ingrid' });
    let error: unknown;
    try {
      assertPublicTitlesScreened([model]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScreenedWordInPublicField);
    expect((error as ScreenedWordInPublicField).leaks).toHaveLength(1);
    expect((error as Error).message).toMatch(/offentligTittel/);
    expect((error as Error).message).not.toMatch(/Ingrid/);
  });
});
