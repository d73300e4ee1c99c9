// HTTP client for the DolphinScheduler-compatible REST API.
// Contract: every call goes to `/dolphinscheduler/<path>` on the same origin; bodies are sent as
// application/x-www-form-urlencoded (arrays repeat the key, null becomes an empty value, objects
// are sent as JSON text) except multipart uploads; the `sessionId` header carries the session and
// the `language` header the UI language. An envelope with code 0 resolves to its `data`; any other
// code rejects with ApiError(code, msg). HTTP 401 clears the session, notifies the registered
// handler (which sends the user to the login page) and rejects with SessionExpiredError.

export const API_BASE = '/dolphinscheduler';
const SESSION_KEY = 'porpoise.sessionId';

export class ApiError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export class SessionExpiredError extends Error {
  constructor() {
    super('Your session has ended. Please log in again.');
    this.name = 'SessionExpiredError';
  }
}

export type FormValue = string | number | boolean | null | undefined | object | Array<string | number>;
export type FormFields = Record<string, FormValue>;

let unauthorizedHandler: (() => void) | null = null;
let languageHeader = 'en_US';

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export function setLanguageHeader(language: string): void {
  languageHeader = language;
}

export function getSessionId(): string | null {
  try {
    return localStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function setSessionId(id: string | null): void {
  try {
    if (id) localStorage.setItem(SESSION_KEY, id);
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // storage unavailable (private mode): the cookie below still authenticates
  }
  // The cookie authenticates plain browser downloads (log download) that cannot carry a header.
  document.cookie = id ? `sessionId=${encodeURIComponent(id)}; path=/; SameSite=Lax` : 'sessionId=; path=/; max-age=0';
}

/** Encodes fields the way DolphinScheduler's UI does (qs with arrayFormat=repeat). */
export function encodeForm(fields: FormFields | undefined): URLSearchParams {
  const params = new URLSearchParams();
  if (!fields) return params;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) params.append(key, '');
    else if (Array.isArray(value)) value.forEach((item) => params.append(key, String(item)));
    else if (typeof value === 'object') params.append(key, JSON.stringify(value));
    else params.append(key, String(value));
  }
  return params;
}

export interface RequestOptions {
  query?: FormFields;
  form?: FormFields;
  multipart?: FormData;
  /** 'json' (default) unwraps the envelope; 'text' returns the raw body (batch-export). */
  expect?: 'json' | 'text';
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: FormFields): string {
  const qs = encodeForm(query).toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { language: languageHeader };
  const sessionId = getSessionId();
  if (sessionId) headers.sessionId = sessionId;
  let body: BodyInit | undefined;
  if (options.multipart) {
    body = options.multipart;
  } else if (options.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    body = encodeForm(options.form).toString();
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(-1, 'Cannot reach the server. Check that Porpoise is running.');
  }

  if (response.status === 401) {
    setSessionId(null);
    unauthorizedHandler?.();
    throw new SessionExpiredError();
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(-response.status, `The server answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
  if (options.expect === 'text') {
    // batch-export answers with the bare document, but errors still come as an envelope.
    const envelope = tryParseEnvelope(text);
    if (envelope && envelope.code !== 0) throw new ApiError(envelope.code, envelope.msg || `error ${envelope.code}`);
    return text as T;
  }
  if (!text) return undefined as T;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // DolphinScheduler answers unknown paths with the UI's index.html (HTTP 200).
    if (text.trimStart().startsWith('<')) {
      throw new ApiError(-2, `This server does not offer ${method} ${path} (it answered with a web page).`);
    }
    throw new ApiError(-2, `The server sent an answer that is not JSON (${method} ${path}).`);
  }
  return unwrapEnvelope<T>(parsed);
}

interface Envelope {
  code: number;
  msg?: string;
  data?: unknown;
}

function tryParseEnvelope(text: string): Envelope | null {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) && typeof value.code === 'number' ? value : null;
  } catch {
    return null;
  }
}

export function unwrapEnvelope<T>(body: unknown): T {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'code' in body) {
    const envelope = body as Envelope;
    if (envelope.code === 0) return envelope.data as T;
    throw new ApiError(envelope.code, envelope.msg || `The server reported error ${envelope.code}.`);
  }
  return body as T;
}

export const http = {
  get: <T>(path: string, query?: FormFields, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, form?: FormFields) => request<T>('POST', path, { form }),
  put: <T>(path: string, form?: FormFields) => request<T>('PUT', path, { form }),
  delete: <T>(path: string, query?: FormFields) => request<T>('DELETE', path, { query }),
  upload: <T>(path: string, multipart: FormData) => request<T>('POST', path, { multipart }),
  postText: (path: string, form?: FormFields) => request<string>('POST', path, { form, expect: 'text' }),
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.code > 0 ? `${error.message} (code ${error.code})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
