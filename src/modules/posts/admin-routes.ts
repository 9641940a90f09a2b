// Moderation for staff: reported posts, hide, unhide, dismiss reports. Staff only (not the
// support role): hiding what people wrote is a marketplace policy decision (decision 016).
import {
  NoBodySchema,
  errorResponses,
  noContentResponses,
  UuidSchema as Uuid,
  obj,
  PageQuery,
  type RouteApp,
} from '../../schemas.ts';
import { requireRole } from '../roles/index.ts';
import { dismissReports, listReportedPosts, setPostHidden } from './moderation.ts';
import { POST_KINDS, ReportedPostSchema } from './schemas.ts';

const PostParams = obj({ kind: { type: 'string', enum: POST_KINDS }, id: Uuid });

export async function postAdminRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;
  const tags = ['admin'];
  const staffOnly = { onRequest: requireRole('staff') };

  app.get(
    '/api/admin/reports',
    {
      ...staffOnly,
      schema: {
        tags,
        summary: 'Reported posts, most recently reported first: with open reports (default) or hidden.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['open', 'hidden'] }, ...PageQuery(100) },
        },
        response: {
          200: obj({
            items: { type: 'array', items: ReportedPostSchema },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { status = 'open', page = 1, pageSize = 50 } = request.query;
      return listReportedPosts(db, { status, page, pageSize });
    },
  );

  for (const [action, summary] of [
    ['hide', 'Hide a post from everyone but its author; its open reports are resolved and ratings recomputed.'],
    ['unhide', 'Show a hidden post again.'],
    ['dismiss', 'Keep the post and close its open reports.'],
  ] as const) {
    app.post(
      `/api/admin/posts/:kind/:id/${action}`,
      {
        ...staffOnly,
        schema: { tags, summary, params: PostParams, body: NoBodySchema, response: noContentResponses },
      },
      async (request, reply) => {
        const { kind, id } = request.params;
        if (action === 'dismiss') await dismissReports(db, kind, id);
        else await setPostHidden(db, kind, id, action === 'hide');
        return reply.code(204).send();
      },
    );
  }
}
