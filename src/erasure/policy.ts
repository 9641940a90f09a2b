// The erasure registry: every table that holds personal data or points at a user says, beside
// its schema (in its module's erasure.ts), what happens to a person's rows when their account is
// erased. test/erasure-registry.test.ts fails the build when a table or column is not covered.
// eraseAccount() (src/erasure/executor.ts) executes these policies in registry order.
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/types.ts';
import type { FileStorage } from '../storage.ts';

/** Whose data is being erased. */
export type ErasureSubject = { userId: string; email: string };

/**
 * What the erasure engine and the policies' own code work with: the database, the stored files, and
 * the keyed hash rate-limit counters are named by. The app's context is one; a test may pass its own.
 */
export type ErasureDeps = {
  db: Kysely<DB>;
  database: Pick<Database, 'engine' | 'watchStatements'>;
  storage: Pick<FileStorage, 'delete'>;
  rateLimiter: { keyPart(value: string): string };
};

/** What a custom eraser gets: the erasure's transaction, a batch size, and a place for stored files. */
export type ErasureRun = {
  trx: Kysely<DB>;
  subject: ErasureSubject;
  ctx: ErasureDeps;
  /**
   * At most about this many rows per call, or null for all of them. The executor calls again until
   * a call touches fewer than `limit` rows, so an eraser that cannot bound its work may ignore it.
   */
  limit: number | null;
  /**
   * Stored files whose rows this transaction deletes: they are deleted once it has committed, and
   * recorded with the erasure's progress so that a crash in between loses none.
   */
  deleteFiles(keys: string[]): void;
  /**
   * Kept between the calls of one erasure run, for a custom eraser's hints (where it left off). Lost
   * when the run ends or fails, so a hint may save work but must never be needed to finish it; every
   * call before this one committed.
   */
  memo: Map<string, unknown>;
  /**
   * Tells that no later call of this step changes rows of `relation` (a partition of the policy's
   * table it has finished), directly or through what it deletes elsewhere: once this call commits,
   * the proof may check that relation's recorded rows while the erasure goes on (startProving).
   */
  relationDone?(relation: string): void;
};

/** How a person's rows are found in a table. */
export type RowMatch =
  /** rows whose column equals the user's id */
  | { column: string; equals: 'user_id' }
  /** rows whose column equals the user's email address (case-insensitive) */
  | { column: string; equals: 'email' }
  /**
   * found by code: the text says how; `owns` is the same rows as an SQL condition on the table (the
   * ownership record reads it before anything is erased, decision 031); `erase` does it inside the
   * erasure's transaction (at most `run.limit` rows) and returns the rows it touched
   */
  | {
      custom: string;
      owns: (subject: ErasureSubject, ctx: ErasureDeps) => RawBuilder<boolean>;
      erase?: (run: ErasureRun) => Promise<number>;
    };

/** null, a fixed value, or the time of the erasure. */
export type Replacement = null | { value: string | number | boolean } | { now: true };

/**
 * Columns holding people's own words (posts, messages, notes). When someone else's words there quote
 * the erased person's exact email address or phone number, the erasure replaces that identifier
 * with "[removed]" and counts it on the certificate; names in other people's words stay theirs.
 */
type Quotes = { quotes?: string[] };

/**
 * What the public page /privacy/data says of this table's data: the kind of data in plain words
 * (tables of one kind share it and are listed together) and how long Souk keeps it while the account
 * exists. Why, and what happens at deletion, come from `action` and `reason`.
 */
type About = { about?: { data: string; keptFor: string } };

/**
 * Tables besides its own whose rows this policy's erasure deletes, or whose columns that say whose
 * a row is, or that a policy replaces, it changes, in its own code or a trigger (a custom eraser
 * that deletes the conversations it leaves empty, say; recomputing a product's rating, or passing a
 * store's status on to its products' store_active, changes neither). Foreign keys that cascade are
 * read from the database; these are the rest. When the ownership record runs beside the erasure
 * (decision 036), this table's erasure waits until their rows are recorded too, and an anonymised
 * table among them is proven only once this policy's steps are done.
 */
type AlsoChanges = { alsoChanges?: string[] };

/**
 * The order the ownership record reads a relation's keys in: its primary key's columns, permuted as
 * an index that starts with the ownership condition's column holds them (the messages' sender index
 * holds (sender, conversation, id)). Each chunk of the record is then a range of that index after
 * the last key recorded, instead of every row of the person's sorted again. Key order when absent.
 */
type RecordOrder = { recordOrder?: string[] };

export type ErasurePolicy = Quotes &
  About &
  AlsoChanges &
  RecordOrder &
  (
    | { table: string; action: 'delete'; match: RowMatch[]; reason: string }
    | {
        table: string;
        action: 'anonymise';
        match: RowMatch[];
        /** personal columns and what replaces them; the proof checks each owned row holds exactly these */
        set: Record<string, Replacement>;
        reason: string;
      }
    /** kept as they are, for a written legal reason */
    | { table: string; action: 'retain'; columns: string[]; reason: string }
    /** columns whose names look personal but hold nothing about a person */
    | { table: string; action: 'not_personal'; columns: string[]; reason: string }
  );

/** Columns a policy accounts for ('*' = every column of the table). */
export function coveredColumns(policy: ErasurePolicy): Set<string> | '*' {
  switch (policy.action) {
    case 'delete':
      return '*';
    case 'anonymise':
      return new Set([...Object.keys(policy.set), ...policy.match.flatMap((m) => ('column' in m ? [m.column] : []))]);
    case 'retain':
    case 'not_personal':
      return new Set(policy.columns);
  }
}

/** A column name that marks personal data. */
export const PERSONAL_COLUMN =
  /(^|_)(e?mail|email_address|to_address|from_address|name|first_name|last_name|full_name|phone|mobile|address|street|line1|line2|city|postal_code|zip|ip|ip_address|user_agent|birth|birthdate|dob|identifier)(_|$)/i;
