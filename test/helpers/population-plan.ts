// What a random population for the erasure property test is made of (a plan fast-check draws),
// and who in it may not be deleted yet. test/helpers/population.ts builds a plan through the API.
import fc from 'fast-check';
import type { OrderStatus, TicketCategory } from '../../src/db/types.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = ['awaiting_payment', 'paid', 'shipped', 'delivered', 'cancelled'];
export const COUNTRIES = ['FR', 'MA', 'ES'] as const;
// Few names, so that people share them (issue 14): a display name, a street or a city equal to
// someone else's is never that person's data. "Ann" is short (three letters, inside "Anne" and
// "Annual"); "Ceramic" and "Bowl" are words of the stores' product titles.
export const FIRST_NAMES = ['Nadia', 'Ann', 'Omar', 'Bowl'];
export const LAST_NAMES = ['Berrada', 'Ceramic', 'Fassi'];

export type PersonPlan = {
  firstName: number;
  lastName: number;
  country: number;
  phone: boolean;
  addresses: number;
  cards: number;
  extraSessions: number;
  cartLines: number;
  emailChange: boolean;
  resetRequest: boolean;
  notifications: boolean;
};
export type StorePlan = { products: number; images: number };
export type OrderPlan = {
  buyer: number;
  store: number;
  product: number;
  quantity: number;
  status: OrderStatus;
  savedAddress: boolean;
  savedCard: boolean;
  cancelledBy: 'buyer' | 'seller';
  review: { rating: number; photos: number } | null;
};
export type TicketPlan = {
  requester: number;
  category: TicketCategory;
  aboutOrder: boolean;
  staffReply: boolean;
  resolved: boolean;
  followUp: boolean;
};
export type PostRef = { kind: 'review' | 'question' | 'answer'; pick: number };

/** Person i owns store i for i < stores.length; person `agent` has the support role. */
export type Plan = {
  people: PersonPlan[];
  stores: StorePlan[];
  agent: number;
  orders: OrderPlan[];
  /** Turns after the buyer's opening message, per (buyer, store) pair in pair order; null = they never wrote. */
  conversations: Array<Array<'buyer' | 'store'> | null>;
  questions: Array<{ author: number; product: number; answerers: number[] }>;
  votes: Array<{ voter: number; review: number }>;
  reports: Array<{ reporter: number; post: PostRef }>;
  tickets: TicketPlan[];
  /** Whether the second person has the first one's name (and with it their streets and city). */
  twins: boolean;
  /** Questions by `author` that quote the exact email address of `about` (another person's words). */
  quotes: Array<{ author: number; about: number; product: number }>;
  /** Who asks to be deleted, in the order the requests are made and processed. */
  erase: number[];
};

const personArb = fc.record({
  firstName: fc.nat({ max: FIRST_NAMES.length - 1 }),
  lastName: fc.nat({ max: LAST_NAMES.length - 1 }),
  country: fc.nat({ max: COUNTRIES.length - 1 }),
  phone: fc.boolean(),
  addresses: fc.nat({ max: 2 }),
  cards: fc.nat({ max: 2 }),
  extraSessions: fc.nat({ max: 2 }),
  cartLines: fc.nat({ max: 2 }),
  emailChange: fc.boolean(),
  resetRequest: fc.boolean(),
  notifications: fc.boolean(),
});

const BLOCKING: readonly OrderStatus[] = ['awaiting_payment', 'paid'];

/** Mostly `usual`, sometimes any of 0..max. */
const mostly = (usual: number, max: number) =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 6 }, { arbitrary: fc.nat({ max }), weight: 1 });

const orderArb = (people: number, stores: number, status: fc.Arbitrary<OrderStatus>) =>
  status.chain((s) =>
    fc.record({
      // An order awaiting payment or shipping blocks the deletion of its buyer and its seller: such
      // orders go mostly from the last person to the last store, so most people can be erased.
      buyer: BLOCKING.includes(s) ? mostly(people - 1, people - 1) : fc.nat({ max: people - 1 }),
      store: BLOCKING.includes(s) ? mostly(stores - 1, stores - 1) : fc.nat({ max: stores - 1 }),
      product: fc.nat({ max: 1 }),
      quantity: fc.integer({ min: 1, max: 2 }),
      status: fc.constant(s),
      savedAddress: fc.boolean(),
      savedCard: fc.boolean(),
      cancelledBy: fc.constantFrom('buyer' as const, 'seller' as const),
      review: fc.option(fc.record({ rating: fc.integer({ min: 1, max: 5 }), photos: fc.nat({ max: 2 }) }), { freq: 3 }),
    }),
  );

/** A population of 3–5 people, 1–2 of them with a store, and orders in every status. */
export const planArbitrary: fc.Arbitrary<Plan> = fc
  .constantFrom(3, 4, 4, 4, 5)
  .chain((n) =>
    fc.constantFrom(1, 2, 2, 2).chain((k) => {
      const person = fc.nat({ max: n - 1 });
      const post = fc.record({
        kind: fc.constantFrom('review' as const, 'question' as const, 'answer' as const),
        pick: fc.nat({ max: 20 }),
      });
      return fc.record({
        people: fc.array(personArb, { minLength: n, maxLength: n }),
        stores: fc.array(fc.record({ products: fc.integer({ min: 1, max: 2 }), images: fc.nat({ max: 2 }) }), {
          minLength: k,
          maxLength: k,
        }),
        agent: person,
        orders: fc
          .tuple(
            fc.tuple(...ORDER_STATUSES.map((s) => orderArb(n, k, fc.constant(s)))),
            fc.array(orderArb(n, k, fc.constantFrom<OrderStatus>('shipped', 'delivered', 'cancelled')), {
              maxLength: 3,
            }),
          )
          .chain(([base, extra]) =>
            fc.shuffledSubarray([...base, ...extra], { minLength: base.length + extra.length }),
          ),
        conversations: fc.array(
          fc.option(fc.array(fc.constantFrom('buyer' as const, 'store' as const), { maxLength: 2 }), { freq: 6 }),
          { minLength: n * k, maxLength: n * k },
        ),
        questions: fc.array(
          fc.record({ author: person, product: fc.nat({ max: 3 }), answerers: fc.array(person, { maxLength: 2 }) }),
          { maxLength: 3 },
        ),
        votes: fc.array(fc.record({ voter: person, review: fc.nat({ max: 20 }) }), { maxLength: 4 }),
        quotes: fc.array(fc.record({ author: person, about: person, product: fc.nat({ max: 3 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        twins: fc.boolean(),
        reports: fc.array(fc.record({ reporter: person, post }), { maxLength: 2 }),
        tickets: fc.array(
          fc.record({
            requester: person,
            category: fc.constantFrom<TicketCategory>('order_problem', 'seller_problem', 'account', 'other'),
            aboutOrder: fc.boolean(),
            staffReply: fc.boolean(),
            resolved: fc.oneof({ arbitrary: fc.constant(true), weight: 2 }, fc.constant(false)),
            followUp: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      });
    }),
  )
  .map((plan) =>
    plan.twins
      ? {
          ...plan,
          people: plan.people.map((p, i) =>
            i === 1 ? { ...p, firstName: plan.people[0]!.firstName, lastName: plan.people[0]!.lastName } : p,
          ),
        }
      : plan,
  )
  // Who asks to be deleted: most of those who can be (at least one), and sometimes one who cannot.
  .filter((plan) => blockedPeople(plan).size < plan.people.length)
  .chain((plan): fc.Arbitrary<Plan> => {
    const blocked = blockedPeople(plan);
    const free = plan.people.map((_, i) => i).filter((i) => !blocked.has(i));
    return (
      fc
        .tuple(
          fc.shuffledSubarray(free, { minLength: Math.min(free.length, 2) }),
          fc.shuffledSubarray([...blocked], { maxLength: 1 }),
        )
        .chain(([erasable, refused]) =>
          fc.shuffledSubarray([...erasable, ...refused], { minLength: erasable.length + refused.length }),
        )
        // Quotes are mostly of someone who asks to be deleted, so their removal is exercised.
        .map((erase) => ({
          ...plan,
          erase,
          quotes: plan.quotes.map((q, k) =>
            k === 0 && erase.length > 0 ? { ...q, about: erase[q.about % erase.length]! } : q,
          ),
        }))
    );
  });

/** The buyer of an order, moved on to the next person when the plan made them buy from themselves. */
export const buyerOf = (plan: Pick<Plan, 'people'>, order: OrderPlan): number =>
  order.buyer === order.store ? (order.buyer + 1) % plan.people.length : order.buyer;

/** Who a deletion request must refuse: a party to an order awaiting payment or paid, or the requester of an unresolved ticket about money. */
export function blockedPeople(plan: Omit<Plan, 'erase'>): Set<number> {
  const blocked = new Set<number>();
  for (const order of plan.orders) {
    if (order.status === 'awaiting_payment' || order.status === 'paid')
      blocked.add(buyerOf(plan, order)).add(order.store);
  }
  for (const ticket of plan.tickets) {
    if ((ticket.category === 'order_problem' || ticket.category === 'seller_problem') && !ticket.resolved)
      blocked.add(ticket.requester);
  }
  return blocked;
}

/** A person's display name: people may share one. */
export const nameOf = (p: PersonPlan) => `${FIRST_NAMES[p.firstName]} ${LAST_NAMES[p.lastName]}`;

/**
 * A person's address number `a` (9 = the one typed at checkout). Names, streets, cities and postal
 * codes follow the person's name, so people with equal names share them; the phone number is the
 * person's own (`i`), its prefix shared by everyone.
 */
export function addressOf(i: number, p: PersonPlan, a: number) {
  const name = nameOf(p);
  return {
    fullName: a === 0 ? name : `${name} c/o ${LAST_NAMES[(p.lastName + a) % LAST_NAMES.length]}`,
    line1: `${10 + p.lastName}${a % 2} Derb ${LAST_NAMES[p.lastName]} ${FIRST_NAMES[p.firstName]}`,
    line2: a % 2 === 1 ? `Riad ${FIRST_NAMES[p.firstName]}` : null,
    city: `Medina ${FIRST_NAMES[p.firstName]}`,
    postalCode: `M${p.firstName}${p.lastName}7`,
    country: COUNTRIES[(p.country + a) % COUNTRIES.length]!,
    phone: `+33 7 ${i}${a} 45 67 8${i}`,
  };
}
