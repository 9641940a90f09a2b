import type { AccountUser } from '../auth/index.ts';

export type Me = {
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  phone: string | null;
  country: string | null;
  createdAt: string;
};

export const toMe = (u: AccountUser): Me => ({
  id: u.id,
  email: u.email,
  emailVerified: u.emailVerified,
  displayName: u.displayName,
  phone: u.phone,
  country: u.country,
  createdAt: u.createdAt.toISOString(),
});
