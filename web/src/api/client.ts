// A tiny typed client for Souk's JSON API. The server declares a response schema on every
// route, so the shapes below are the contract; the only runtime checks are on error bodies
// and on the signed-in user, which every page depends on.

export type FieldIssue = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldIssue[];
  /** Seconds from a Retry-After header, when the server sent one (429). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, details: FieldIssue[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type Me = {
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  phone: string | null;
  country: string | null;
  /** ISO date-time the account was created. */
  createdAt: string | null;
  /** Staff roles ("staff", "support"); only /api/me sends them, other answers leave it empty. */
  roles: string[];
};

export type Session = {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
};

export type NotificationPreference = {
  kind: string;
  label: string;
  description: string;
  enabled: boolean;
  required: boolean;
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDetails(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  const issues: FieldIssue[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string') {
      issues.push({ field: item.field, message: item.message });
    }
  }
  return issues;
}

function readRetryAfter(response: Response): number | undefined {
  const raw = response.headers.get('retry-after');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const message =
    typeof error?.message === 'string' ? error.message : `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, code, message, readDetails(error?.details), readRetryAfter(response));
}

export async function request(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (signal !== undefined) init.signal = signal;
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach Souk. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Reads a user from either `{ user: {...} }` or the bare object, and rejects anything else. */
export function readMe(body: unknown): Me {
  const user = isRecord(body) && isRecord(body.user) ? body.user : body;
  if (!isRecord(user) || typeof user.email !== 'string') {
    throw new ApiError(500, 'UNEXPECTED_RESPONSE', 'The server sent an account in an unexpected shape.');
  }
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  return {
    id: typeof user.id === 'string' ? user.id : String(user.id ?? ''),
    email: user.email,
    emailVerified: user.emailVerified === true,
    displayName: text(user.displayName) ?? '',
    phone: text(user.phone),
    country: text(user.country),
    createdAt: text(user.createdAt),
    roles: Array.isArray(user.roles) ? user.roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

// Each function below is one endpoint; the cast names the shape its response schema promises.
export const api = {
  getMe: async (): Promise<Me> => readMe(await request('GET', '/api/me')),

  signUp: async (input: { email: string; password: string; displayName: string }): Promise<void> => {
    await request('POST', '/api/auth/sign-up', input);
  },
  verifyEmail: async (token: string): Promise<void> => {
    await request('POST', '/api/auth/verify-email', { token });
  },
  signIn: async (input: { email: string; password: string }): Promise<Me> =>
    readMe(await request('POST', '/api/auth/sign-in', input)),
  signOut: async (): Promise<void> => {
    await request('POST', '/api/auth/sign-out');
  },
  requestPasswordReset: async (email: string): Promise<void> => {
    await request('POST', '/api/auth/forgot-password', { email });
  },
  resetPassword: async (input: { token: string; password: string }): Promise<void> => {
    await request('POST', '/api/auth/reset-password', input);
  },

  updateProfile: async (input: { displayName: string; phone: string | null; country: string | null }): Promise<Me> =>
    readMe(await request('PATCH', '/api/account/profile', input)),
  requestEmailChange: async (input: { newEmail: string; currentPassword: string }): Promise<void> => {
    await request('POST', '/api/account/email', input);
  },
  confirmEmailChange: async (token: string): Promise<void> => {
    await request('POST', '/api/account/email/confirm', { token });
  },
  changePassword: async (input: {
    currentPassword: string;
    newPassword: string;
    revokeOtherSessions: boolean;
  }): Promise<void> => {
    await request('POST', '/api/account/password', input);
  },

  listSessions: async (): Promise<Session[]> =>
    ((await request('GET', '/api/account/sessions')) as { sessions: Session[] }).sessions,
  endSession: async (id: string): Promise<void> => {
    await request('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`);
  },
  endOtherSessions: async (): Promise<void> => {
    await request('POST', '/api/account/sessions/revoke-others');
  },

  listNotificationPreferences: async (): Promise<NotificationPreference[]> =>
    ((await request('GET', '/api/account/notifications')) as { preferences: NotificationPreference[] }).preferences,
  saveNotificationPreferences: async (preferences: Record<string, boolean>): Promise<NotificationPreference[]> =>
    ((await request('PUT', '/api/account/notifications', { preferences })) as { preferences: NotificationPreference[] })
      .preferences,
};
