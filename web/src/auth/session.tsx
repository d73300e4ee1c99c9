// The logged-in user. Contract: `status` is 'loading' while an existing session id is checked
// against /users/get-user-info, then 'ready' (user known) or 'anonymous'. Any API answer of
// HTTP 401 (expired or unknown session) drops the user and sends the browser to the login page
// with ?expired=1 and the page to come back to.
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { getSessionId, onUnauthorized, setSessionId } from '../api/client';
import { authApi } from '../api/services';
import type { User } from '../api/types';

type Status = 'loading' | 'ready' | 'anonymous';

interface SessionValue {
  status: Status;
  user: User | null;
  isAdmin: boolean;
  login: (userName: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refreshUser: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(() => (getSessionId() ? 'loading' : 'anonymous'));
  const [user, setUser] = useState<User | null>(null);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    onUnauthorized(() => {
      setUser(null);
      setStatus('anonymous');
      queryClient.clear();
      const here = window.location.pathname.replace(/^\/dolphinscheduler\/ui/, '') + window.location.search;
      if (!here.startsWith('/login')) navigate(`/login?expired=1&redirect=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => onUnauthorized(null);
  }, [navigate, queryClient]);

  useEffect(() => {
    if (status !== 'loading') return;
    let cancelled = false;
    authApi
      .userInfo()
      .then((info) => {
        if (cancelled) return;
        setUser(info);
        setStatus('ready');
      })
      .catch(() => {
        if (cancelled) return;
        setSessionId(null);
        setUser(null);
        setStatus('anonymous');
      });
    return () => {
      cancelled = true;
    };
  }, [status]);

  const login = useCallback(async (userName: string, password: string) => {
    const result = await authApi.login(userName, password);
    if (!result?.sessionId) throw new Error('The server did not return a session.');
    setSessionId(result.sessionId);
    const info = await authApi.userInfo();
    queryClient.clear();
    setUser(info);
    setStatus('ready');
    return info;
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await authApi.signOut();
    } catch {
      // the session may already be gone; logging out locally is what matters
    }
    setSessionId(null);
    setUser(null);
    setStatus('anonymous');
    queryClient.clear();
    navigate('/login', { replace: true });
  }, [navigate, queryClient]);

  const refreshUser = useCallback(async () => {
    setUser(await authApi.userInfo());
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ status, user, isAdmin: user?.userType === 'ADMIN_USER', login, logout, refreshUser }),
    [status, user, login, logout, refreshUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}
