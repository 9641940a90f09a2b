// A completed request's erasure certificate: what each step erased, the files deleted, the
// verification scan, the person's own rows checked one by one, the quotes of their email or phone
// removed from other people's words, and the findings staff marked as not this person's data.
import type { ErasureCertificate } from '../certificate.ts';
import { pluralize } from '../../../lib/format.ts';

export function DeletionCertificate({ certificate }: { certificate: ErasureCertificate }) {
  const { scan, rows, ownership, redacted, dismissed } = certificate;
  return (
    <details className="deletion-certificate">
      <summary>Erasure certificate</summary>
      <p>
        Verification scan: {scan.clean ? 'nothing found' : 'leftovers found'} (
        {pluralize(scan.identifiersChecked, 'identifier', 'identifiers')} in{' '}
        {pluralize(scan.tablesScanned, 'table', 'tables')}). Files deleted: {certificate.filesDeleted}.
      </p>
      <ul>
        {rows.map((r) => (
          <li key={`${r.table}-${r.action}`}>
            {r.table}: {r.rows} {r.action === 'delete' ? 'deleted' : 'anonymised'}
          </li>
        ))}
      </ul>
      {ownership.length > 0 ? (
        <>
          <h3 className="certificate-title">Their own rows, checked one by one</h3>
          <ul>
            {ownership.map((o) => (
              <li key={o.table}>
                {o.table}: {pluralize(o.recorded, 'recorded row', 'recorded rows')}, {o.gone} gone, {o.anonymised}{' '}
                anonymised
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {redacted.length > 0 ? (
        <>
          <h3 className="certificate-title">Removed from other people's words</h3>
          <ul>
            {redacted.map((r) => (
              <li key={`${r.table}-${r.column}`}>
                {r.table} · {r.column}: {pluralize(r.values, 'quote', 'quotes')} of their email or phone removed from
                other people's words
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {dismissed.length > 0 ? (
        <>
          <h3 className="certificate-title">Found but not theirs</h3>
          <ul>
            {dismissed.map((d, i) => (
              <li key={i}>
                {d.table} · {d.column} ({d.identifier}): Not this person's data: {d.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
