// Entry point: providers (i18n, antd theme and locale, react-query, router, session) around App.
import React from 'react';
import ReactDOM from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { ApiError, SessionExpiredError } from './api/client';
import { SessionProvider } from './auth/session';
import { I18nProvider, useI18n } from './i18n';
import { App } from './App';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5000,
      refetchOnWindowFocus: false,
      // Business errors and expired sessions will not change by asking again.
      retry: (count, error) => !(error instanceof SessionExpiredError) && !(error instanceof ApiError && error.code > 0) && count < 2,
    },
  },
});

function Themed({ children }: { children: React.ReactNode }) {
  const { language } = useI18n();
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      theme={{
        token: {
          colorPrimary: '#1677ff',
          borderRadius: 8,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', 'Helvetica Neue', Arial, 'PingFang SC', 'Noto Sans CJK SC', sans-serif",
        },
        components: { Layout: { headerBg: '#ffffff', bodyBg: '#f5f7fa' } },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <I18nProvider>
      <Themed>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/dolphinscheduler/ui">
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </Themed>
    </I18nProvider>
  </React.StrictMode>,
);
