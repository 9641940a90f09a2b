// Management's side of account deletion: the queue, processing, holds, the findings of the
// erasure's verification that staff resolve, and why people leave. Shapes follow the deletion
// module's admin response schemas (src/modules/deletion/admin-routes.ts).
import { request } from '../../api/client.ts';

export type DeletionStatus = 'received' | 'processing' | 'completed' | 'needs_attention' | 'cancelled';

/** What the verification found and could not settle itself; the excerpt has the identifier masked. */
export type DeletionFinding = {
  id: string;
  table: string;
  column: string;
  rowKey: string;
  /** Where staff can see the row, when the app has a page for it. */
  link: string | null;
  identifier: 'email' | 'phone' | 'user id' | 'upload key' | 'token' | 'ownership';
  excerpt: string;
  status: 'open' | 'erased' | 'dismissed';
  reason: string | null;
  resolvedAt: string | null;
};

export type ErasureCertificate = {
  rows?: Array<{ table: string; action: string; rows: number }>;
  filesDeleted?: number;
  scan?: { clean: boolean; identifiersChecked: number; tablesScanned: number };
  ownership?: Array<{ table: string; recorded: number; gone: number; anonymised: number }>;
  redacted?: Array<{ table: string; column: string; values: number }>;
  dismissed?: Array<{ table: string; column: string; identifier: string; reason: string }>;
};

export type DeletionRequest = {
  id: string;
  reference: string;
  status: DeletionStatus;
  receivedAt: string;
  dueAt: string;
  processAfter: string;
  secondsLeft: number;
  overdue: boolean;
  holdReason: string | null;
  holdLabel: string | null;
  attention: string | null;
  completedAt: string | null;
  certificate: ErasureCertificate | null;
  findings: DeletionFinding[];
};

/** What processing did: erased and certified, parked again with findings, or left to the worker already on it. */
export type ProcessOutcome = 'completed' | 'needs_attention' | 'skipped';

export type LeavingInsights = {
  weeks: Array<{ week: string; counts: Record<string, number>; total: number }>;
  reasons: Array<{ reason: string; label: string; count: number; share: number }>;
  comments: Array<{ week: string; reason: string | null; comment: string }>;
};

const path = (id: string, rest = '') => `/api/admin/deletions/${encodeURIComponent(id)}${rest}`;
const findingPath = (id: string, findingId: string, action: 'erase' | 'dismiss') => path(id, `/findings/${encodeURIComponent(findingId)}/${action}`);

export const deletionsApi = {
  list: async (status: string, signal: AbortSignal) =>
    (await request('GET', `/api/admin/deletions?status=${encodeURIComponent(status)}`, undefined, signal)) as { items: DeletionRequest[]; total: number },
  process: async (id: string) => (await request('POST', path(id, '/process'))) as DeletionRequest & { outcome: ProcessOutcome },
  hold: async (id: string, reason: string) => (await request('POST', path(id, '/hold'), { reason })) as DeletionRequest,
  release: async (id: string) => (await request('POST', path(id, '/release'))) as DeletionRequest,
  eraseFinding: async (id: string, findingId: string) => (await request('POST', findingPath(id, findingId, 'erase'))) as DeletionRequest,
  dismissFinding: async (id: string, findingId: string, reason: string) =>
    (await request('POST', findingPath(id, findingId, 'dismiss'), { reason })) as DeletionRequest,
  insights: async (signal: AbortSignal) => (await request('GET', '/api/admin/insights/leaving', undefined, signal)) as LeavingInsights,
};
