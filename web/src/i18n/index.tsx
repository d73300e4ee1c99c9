// UI language: English (default) or Chinese. t(key, vars) looks a key up in messages.ts and
// fills {name} placeholders; an unknown key falls back to the key itself so it is easy to spot.
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setLanguageHeader } from '../api/client';
import { messages } from './messages';

export type Language = 'en' | 'zh';

const STORAGE_KEY = 'porpoise.language';

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function translate(language: Language, key: string, vars?: Record<string, string | number>): string {
  const entry = messages[key];
  let text = entry ? (language === 'zh' ? entry[1] || entry[0] : entry[0]) : key;
  if (vars) for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // ignore
  }
  return 'en';
}

function applyLanguage(language: Language) {
  setLanguageHeader(language === 'zh' ? 'zh_CN' : 'en_US');
  document.cookie = `language=${language === 'zh' ? 'zh_CN' : 'en_US'}; path=/; SameSite=Lax`;
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const language = initialLanguage();
    applyLanguage(language);
    return language;
  });
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
    applyLanguage(next);
    setLanguageState(next);
  }, []);
  const t = useCallback<Translate>((key, vars) => translate(language, key, vars), [language]);
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
