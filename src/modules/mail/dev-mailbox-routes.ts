// The built-in mailbox (development, or whenever no SMTP_URL is set): every mail Souk "sent",
// listed at /dev/mailbox with its HTML rendered, and as JSON for tests.
import net from 'node:net';
import { sql } from 'kysely';
import { EmailSchema, UuidSchema, errorResponses, obj, type RouteApp } from '../../schemas.ts';
import { AppError } from '../../errors.ts';
import { escapeHtml } from '../../html.ts';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Souk dev mailbox</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a}header,main{padding:16px 24px}header{background:#f3f4f6;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:8px;border-bottom:1px solid #ddd}a{color:#0b5cad}
.mail{border:1px solid #ccc;border-radius:8px;padding:16px;margin-top:16px}</style></head><body>
<header><strong>Souk dev mailbox</strong> — mail is not really sent in development. <a href="/dev/mailbox">All mail</a></header><main>${body}</main></body></html>`;

const MessageSchema = obj({
  id: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  subject: { type: 'string' },
  text: { type: 'string' },
  html: { type: 'string' },
  sentAt: { type: 'string', format: 'date-time' },
});

/** The HTML pages' responses: documented, not serialised (a string sent as text/html goes out as it is). */
const htmlPage = { 200: { type: 'string', description: 'An HTML page.' }, ...errorResponses } as const;

/**
 * Whether an address is this machine's loopback (127.0.0.0/8, ::1, or 127.x written as IPv6).
 * The mailbox shows password-reset links: it answers only there (issue 15), whatever HOST is.
 */
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(v4)) return LOOPBACK.check(v4, 'ipv4');
  return net.isIPv6(address) && LOOPBACK.check(address, 'ipv6');
}

export async function devMailboxRoutes(app: RouteApp): Promise<void> {
  const { db } = app.souk;
  // A peer elsewhere (after TRUST_PROXY is applied: the client a proxy forwarded for) gets exactly
  // what it would get with no mailbox at all.
  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopback(request.ip)) return reply.callNotFound();
  });
  const list = (to: string | undefined) => {
    let q = db
      .selectFrom('dev_mailbox')
      .select(['id', 'to_address', 'from_address', 'subject', 'text', 'html', 'sent_at'])
      .orderBy('sent_at', 'desc')
      .limit(200);
    if (to) q = q.where(sql`lower(to_address)`, '=', to.toLowerCase());
    return q.execute();
  };

  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['dev'],
        summary: 'Mail delivered to the built-in mailbox, newest first (development only).',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { to: { type: 'string', maxLength: EmailSchema.maxLength } },
        },
        response: { 200: obj({ messages: { type: 'array', items: MessageSchema } }), ...errorResponses },
      },
    },
    async (request) => ({
      messages: (await list(request.query.to)).map((m) => ({
        id: m.id,
        to: m.to_address,
        from: m.from_address,
        subject: m.subject,
        text: m.text,
        html: m.html,
        sentAt: m.sent_at.toISOString(),
      })),
    }),
  );

  app.get('/dev/mailbox', { schema: { hide: true, response: htmlPage } }, async (_request, reply) => {
    const rows = await list(undefined);
    const body =
      rows.length === 0
        ? '<h1>Mailbox</h1><p>No mail yet.</p>'
        : `<h1>Mailbox</h1><table><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows
            .map(
              (m) =>
                `<tr><td>${escapeHtml(m.sent_at.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(m.to_address)}</td><td><a href="/dev/mailbox/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
            )
            .join('')}</tbody></table>`;
    return reply.type('text/html; charset=utf-8').send(page('Mailbox', body));
  });

  app.get(
    '/dev/mailbox/:id',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { id: UuidSchema }, required: ['id'] },
        response: htmlPage,
      },
    },
    async (request, reply) => {
      const m = await db
        .selectFrom('dev_mailbox')
        .select(['to_address', 'from_address', 'subject', 'html', 'sent_at'])
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!m) throw new AppError('NOT_FOUND');
      // The mail's HTML is Souk's own template output (all user text escaped), shown inline.
      const inner = m.html.replace(/^[\s\S]*<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, '');
      const body = `<h1>${escapeHtml(m.subject)}</h1><p>From ${escapeHtml(m.from_address)} to ${escapeHtml(m.to_address)}, ${escapeHtml(m.sent_at.toISOString())}</p><article class="mail" aria-label="Message">${inner}</article>`;
      return reply.type('text/html; charset=utf-8').send(page(m.subject, body));
    },
  );
}
