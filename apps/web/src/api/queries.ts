/** The reads the pages share, as TanStack Query hooks keyed by what they read. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, must } from './client';
import type { CaseDoc, CaseRow, Concern, GroupRow, Registration, RosterRow, StudentProfile, Task } from './types';

export function useRoster(schoolId: string | undefined, group?: string) {
  return useQuery({
    queryKey: ['roster', schoolId, group],
    enabled: schoolId !== undefined,
    queryFn: () =>
      must<RosterRow[]>(
        api.GET('/schools/{schoolId}/students', { params: { path: { schoolId: schoolId! }, query: group ? { group } : {} } }),
      ),
  });
}

export function useGroups(schoolId: string | undefined) {
  return useQuery({
    queryKey: ['groups', schoolId],
    enabled: schoolId !== undefined,
    queryFn: () => must<GroupRow[]>(api.GET('/schools/{schoolId}/groups', { params: { path: { schoolId: schoolId! } } })),
  });
}

export function useStudent(studentId: string) {
  return useQuery({
    queryKey: ['student', studentId],
    queryFn: () => must<StudentProfile>(api.GET('/students/{studentId}', { params: { path: { studentId } } })),
  });
}

export function useConcern(studentId: string, enabled = true) {
  return useQuery({
    queryKey: ['concern', studentId],
    enabled,
    queryFn: () => must<Concern>(api.GET('/students/{studentId}/concern', { params: { path: { studentId }, query: {} } })),
  });
}

export function useRegistrations(studentId: string) {
  return useQuery({
    queryKey: ['registrations', studentId],
    queryFn: async () =>
      (await must<{ registrations: Registration[] }>(api.GET('/students/{studentId}/absences', { params: { path: { studentId } } })))
        .registrations,
  });
}

export function useTasks(schoolId: string | undefined, filter: { studentId?: string; status?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: ['tasks', schoolId, filter],
    enabled: enabled && schoolId !== undefined,
    queryFn: () => must<Task[]>(api.GET('/tasks', { params: { query: { schoolId: schoolId!, ...filter } as never } })),
  });
}

/** The tasks of several schools at once (a leader of many): one query per school. */
export function useTasksOfSchools(schoolIds: string[], enabled = true) {
  return useQueries({
    queries: schoolIds.map((schoolId) => ({
      queryKey: ['tasks', schoolId, {}],
      enabled,
      queryFn: () => must<Task[]>(api.GET('/tasks', { params: { query: { schoolId } as never } })),
    })),
  });
}

export function useCases(query: { schoolId?: string; status?: string; q?: string; studentId?: string }, enabled = true) {
  return useQuery({
    queryKey: ['cases', query],
    enabled,
    queryFn: () => must<CaseRow[]>(api.GET('/cases', { params: { query: query as never } })),
  });
}

export function useCase(caseId: string, asOf?: string) {
  return useQuery({
    queryKey: ['case', caseId, asOf ?? null],
    queryFn: () => must<CaseDoc>(api.GET('/cases/{caseId}', { params: { path: { caseId }, query: (asOf ? { asOf } : {}) as never } })),
  });
}
