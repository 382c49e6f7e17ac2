import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AbsenceHarness } from '#testing/read-models/absence-harness.js';
import { SCHOOL_YEAR_2026, SCHOOL_YEAR_2027, school } from '#testing/read-models/schools.fixture.js';
import { getSchool, getStudent, listStudents } from './directory.query.js';
import { DIRECTORY_STUDENTS } from './directory.documents.js';

describe('directory projection', () => {
  let h: AbsenceHarness;
  beforeEach(async () => {
    h = await AbsenceHarness.start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('serves schools with plan and school year, and students with their school, municipality and group', async () => {
    await h.registerSchool(school('hemsedal', 'hemsedal-trafikklys', { municipalityId: 'hemsedal-kommune', level: 'kombinert' }));
    await h.enrol('s1', 'hemsedal', 'Kari Nordmann', '8A', 8);
    await h.caughtUp();

    expect(await getSchool(h.readers.directory, 'hemsedal')).toEqual({
      schoolId: 'hemsedal',
      name: 'hemsedal skole',
      municipalityId: 'hemsedal-kommune',
      level: 'kombinert',
      planId: 'hemsedal-trafikklys',
      planVersion: 1,
      schoolYear: SCHOOL_YEAR_2026,
      schoolYears: [SCHOOL_YEAR_2026],
    });
    expect(await getStudent(h.readers.directory, 's1')).toEqual({
      studentId: 's1',
      schoolId: 'hemsedal',
      municipalityId: 'hemsedal-kommune',
      name: 'Kari Nordmann',
      grade: 8,
      group: '8A',
    });
    expect(await getSchool(h.readers.directory, 'nowhere')).toBeNull();
    expect(await getStudent(h.readers.directory, 'nobody')).toBeNull();
  });

  it('keeps earlier school years when a new one begins, and replaces a year whose breaks moved', async () => {
    await h.registerSchool(school('bergen', 'bergen-smoras'));
    await h.changeSchoolYear(
      'bergen',
      { ...SCHOOL_YEAR_2026, breaks: [{ from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' }] },
      'moved the autumn break',
    );
    await h.changeSchoolYear('bergen', SCHOOL_YEAR_2027);
    await h.caughtUp();

    const doc = await getSchool(h.readers.directory, 'bergen');
    expect(doc?.schoolYear).toEqual(SCHOOL_YEAR_2027);
    expect(doc?.schoolYears).toEqual([
      { ...SCHOOL_YEAR_2026, breaks: [{ from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' }] },
      SCHOOL_YEAR_2027,
    ]);
  });

  it('lists a school’s students by group, then name in Norwegian order, and no one else’s', async () => {
    await h.registerSchool(school('a', 'vindafjord-etne'));
    await h.registerSchool(school('b', 'vindafjord-etne', { municipalityId: 'kommune-2' }));
    await h.enrol('s1', 'a', 'Åse', '9A', 9);
    await h.enrol('s2', 'a', 'Øyvind', '9A', 9);
    await h.enrol('s3', 'a', 'Ærlig', '9A', 9);
    await h.enrol('s4', 'a', 'Zelda', '10A', 10);
    await h.enrol('s5', 'a', 'Anne', '9A', 9);
    await h.enrol('s6', 'b', 'Bjørn', '9A', 9);
    await h.caughtUp();

    const list = await listStudents(h.readers.directory, 'a');
    expect(list.map((s) => s.name)).toEqual(['Anne', 'Ærlig', 'Øyvind', 'Åse', 'Zelda']);
    // The indexes access control filters by.
    expect(await h.readers.directory.count(DIRECTORY_STUDENTS, { municipalityId: 'kommune-2' })).toBe(1);
    expect(await h.readers.directory.count(DIRECTORY_STUDENTS, { schoolId: 'a', group: '9A' })).toBe(4);
  });
});
