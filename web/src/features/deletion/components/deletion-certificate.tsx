// A completed request's erasure certificate: what each step erased, the files deleted, the
// verification scan, the person's own rows checked one by one, the quotes of their email or phone
// removed from other people's words, and the findings staff marked as not this person's data.
import { useTranslation } from 'react-i18next';
import type { ErasureCertificate } from '../certificate.ts';

export function DeletionCertificate({ certificate }: { certificate: ErasureCertificate }) {
  const { t } = useTranslation('deletion');
  const { scan, rows, ownership, redacted, dismissed } = certificate;
  return (
    <details className="deletion-certificate">
      <summary>{t('certificate.summary')}</summary>
      <p>
        {t('certificate.scan', {
          result: scan.clean ? t('certificate.clean') : t('certificate.leftovers'),
          identifiers: t('certificate.identifiers', { count: scan.identifiersChecked }),
          tables: t('certificate.tables', { count: scan.tablesScanned }),
          files: certificate.filesDeleted,
        })}
      </p>
      <ul>
        {rows.map((r) => (
          <li key={`${r.table}-${r.action}`}>
            {r.action === 'delete'
              ? t('certificate.rowsDeleted', { table: r.table, rows: r.rows })
              : t('certificate.rowsAnonymised', { table: r.table, rows: r.rows })}
          </li>
        ))}
      </ul>
      {ownership.length > 0 ? (
        <>
          <h3 className="certificate-title">{t('certificate.ownRowsHeading')}</h3>
          <ul>
            {ownership.map((o) => (
              <li key={o.table}>
                {t('certificate.ownRows', {
                  table: o.table,
                  recorded: t('certificate.recordedRows', { count: o.recorded }),
                  gone: o.gone,
                  anonymised: o.anonymised,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {redacted.length > 0 ? (
        <>
          <h3 className="certificate-title">{t('certificate.redactedHeading')}</h3>
          <ul>
            {redacted.map((r) => (
              <li key={`${r.table}-${r.column}`}>
                {t('certificate.redacted', {
                  table: r.table,
                  column: r.column,
                  quotes: t('certificate.quotes', { count: r.values }),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {dismissed.length > 0 ? (
        <>
          <h3 className="certificate-title">{t('certificate.dismissedHeading')}</h3>
          <ul>
            {dismissed.map((d, i) => (
              <li key={i}>
                {t('certificate.dismissed', {
                  table: d.table,
                  column: d.column,
                  identifier: d.identifier,
                  reason: d.reason,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
