// Request and response schemas of customer support (also the OpenAPI documentation).
import { TICKET_CATEGORIES, TICKET_STATUSES } from '../../db/types.ts';
import {
  nullable,
  obj,
  UuidSchema as Uuid,
  DateTimeSchema,
  PageQuery,
  TextSchema,
  type JSONSchema,
} from '../../schemas.ts';

export const SUBJECT_MAX = 120;
export const BODY_MAX = 5000;

const str = { type: 'string' } as const;

export const SubjectSchema = TextSchema(SUBJECT_MAX);
export const BodySchema = TextSchema(BODY_MAX);
export const CategorySchema = { type: 'string', enum: TICKET_CATEGORIES } as const;
export const StatusSchema = { type: 'string', enum: TICKET_STATUSES } as const;
export const TicketParams = obj({ id: Uuid });
/** A new ticket, optionally about one of the requester's orders. */
export const NewTicketBody = obj(
  { category: CategorySchema, orderId: nullable(Uuid), subject: SubjectSchema, body: BodySchema },
  ['category', 'subject', 'body'],
);

export const ListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...PageQuery(50),
    status: { type: 'string', enum: [...TICKET_STATUSES, 'all'] },
  },
} as const;

const OrderRefSchema = nullable(obj({ id: str, number: str }));
const RequesterSchema = nullable(obj({ id: str, displayName: str, email: str }));

const MessageSchema = obj({
  id: str,
  /** "customer" for the person who opened the ticket, "support" for staff. */
  from: { type: 'string', enum: ['customer', 'support'] },
  body: str,
  createdAt: DateTimeSchema,
});

const ticketFields = {
  id: str,
  reference: str,
  category: CategorySchema,
  subject: str,
  status: StatusSchema,
  order: OrderRefSchema,
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
  lastMessageFrom: { type: 'string', enum: ['customer', 'support'] },
} as const;

export const TicketSummarySchema = obj(ticketFields);
export const TicketSchema = obj({ ...ticketFields, messages: { type: 'array', items: MessageSchema } });

export const AdminTicketSummarySchema = obj({ ...ticketFields, requester: RequesterSchema });
export const AdminTicketSchema = obj({
  ...ticketFields,
  requester: RequesterSchema,
  messages: {
    type: 'array',
    items: obj({ ...MessageSchema.properties, authorName: { type: ['string', 'null'] } }),
  },
});

const listOf = <const S extends JSONSchema>(item: S) =>
  obj({
    items: { type: 'array', items: item },
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
  });
export const TicketListSchema = listOf(TicketSummarySchema);
export const AdminTicketListSchema = listOf(AdminTicketSummarySchema);
