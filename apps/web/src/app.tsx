/** The pages by path, as api.md (The web app) lists them, behind the sign-in. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client';
import { SessionProvider, useSession } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { Shell } from './layout/shell';
import { AbsenceListPage } from './pages/absence-list-page';
import { AuditPage } from './pages/audit-page';
import { CasePage } from './pages/case-page';
import { ChildPage } from './pages/child-page';
import { CasesPage } from './pages/cases-page';
import { ClassPage } from './pages/class-page';
import { NotFoundPage } from './pages/not-found-page';
import { OverviewPage } from './pages/overview-page';
import { PptPage } from './pages/ppt-page';
import { StudentPage } from './pages/student-page';
import { TasksPage } from './pages/tasks-page';

// The chart library comes with the Statistikk page only, not with the first page after sign-in.
const StatisticsPage = lazy(() => import('./pages/statistics-page').then((m) => ({ default: m.StatisticsPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    // A refusal (4xx) does not change by asking again.
    queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2, staleTime: 10_000 },
  },
});

function RequireSignIn({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/logg-inn" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Routes>
            <Route path="/logg-inn" element={<SignInPage />} />
            <Route
              element={
                <RequireSignIn>
                  <Shell />
                </RequireSignIn>
              }
            >
              <Route index element={<OverviewPage />} />
              <Route path="klasse/:groupId" element={<ClassPage />} />
              <Route path="elev/:studentId" element={<StudentPage />} />
              <Route path="barn/:studentId" element={<ChildPage />} />
              <Route path="oppgaver" element={<TasksPage />} />
              <Route path="fravaersliste" element={<AbsenceListPage />} />
              <Route path="saker" element={<CasesPage />} />
              <Route path="sak/:caseId" element={<CasePage />} />
              <Route path="ppt" element={<PptPage />} />
              <Route
                path="statistikk"
                element={
                  <Suspense fallback={null}>
                    <StatisticsPage />
                  </Suspense>
                }
              />
              <Route path="revisjon/:caseId" element={<AuditPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
