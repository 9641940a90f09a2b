// Issue 20: addresses laid out per country, and dates in mails as on the pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressLines } from '../web/src/lib/address-format.ts';
import { formatDay } from '../src/lib/dates.ts';

const base = { fullName: 'Ana Lima', line1: '1 Main St', line2: null, region: null, postalCode: null };

test('addresses follow each country’s layout; empty parts leave no stray separators', () => {
  assert.deepEqual(
    addressLines({ ...base, city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' }, 'United States'),
    ['Ana Lima', '1 Main St', 'Portland, OR 97201', 'United States'],
  );
  assert.deepEqual(addressLines({ ...base, city: 'London', postalCode: 'SW1A 1AA', country: 'GB' }, 'United Kingdom'), [
    'Ana Lima',
    '1 Main St',
    'London',
    'SW1A 1AA',
    'United Kingdom',
  ]);
  assert.deepEqual(
    addressLines({ ...base, line2: 'Bât. B', city: 'Paris', postalCode: '75001', country: 'FR' }, 'France'),
    ['Ana Lima', '1 Main St', 'Bât. B', '75001 Paris', 'France'],
  );
  assert.deepEqual(addressLines({ ...base, city: 'Marrakech', country: 'MA' }, 'Morocco'), [
    'Ana Lima',
    '1 Main St',
    'Marrakech',
    'Morocco',
  ]);
  assert.deepEqual(addressLines({ ...base, city: 'São Paulo', postalCode: '01310-100', country: 'BR' }, 'Brazil'), [
    'Ana Lima',
    '1 Main St',
    'São Paulo',
    '01310-100',
    'Brazil',
  ]);
  assert.deepEqual(
    addressLines({ ...base, city: 'Portland', postalCode: '97201', country: 'US' }, 'United States')[2],
    'Portland, 97201',
  );
  assert.deepEqual(
    addressLines({ ...base, city: 'Roma', region: 'RM', postalCode: '00184', country: 'IT' }, 'Italy')[2],
    '00184 Roma RM',
  );
});

test('mail dates read as the pages’ English dates, in UTC', () => {
  assert.equal(formatDay(new Date('2027-01-05T23:30:00Z')), 'Jan 5, 2027');
  assert.equal(formatDay(new Date('2027-01-05T00:30:00Z')), 'Jan 5, 2027');
});
