// /api/admin/me: the console asks who the signed-in staff member is (401 signed out, 403 without a role).
import { errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { requireRole, STAFF_ROLES } from './service.ts';

export async function adminRoutes(app: RouteApp): Promise<void> {
  app.get(
    '/api/admin/me',
    {
      onRequest: requireRole('support'),
      schema: {
        tags: ['admin'],
        summary: 'The staff roles of the signed-in person; 403 without one.',
        response: {
          200: obj({
            displayName: { type: 'string' },
            roles: { type: 'array', items: { type: 'string', enum: STAFF_ROLES } },
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ displayName: request.user.displayName, roles: request.staffRoles }),
  );
}
