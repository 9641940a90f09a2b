import { Trans, useTranslation } from 'react-i18next';
// /privacy/data: what Souk keeps, per kind of data: why, for how long, and what happens to it when
// an account is deleted. Public. GET /api/privacy/data derives it from the erasure registry, so the
// page says what the erasure does.
import { Link } from 'react-router';
import { LoadError, Loading } from '../../../components/load-states.tsx';
import { usePageTitle } from '../../../lib/use-page-title.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { privacyApi, type DataKind } from '../api.ts';
import { tableWording } from '../../deletion/server-wording.ts';
import { atDeletionWording, whyWording } from '../wording.ts';
import '../styles.css';

function AtDeletion({ kind }: { kind: DataKind }) {
  const { t, i18n } = useTranslation('privacy');
  const [only] = kind.atDeletion;
  if (kind.atDeletion.length === 1 && only !== undefined) return <>{atDeletionWording(i18n, only)}</>;
  // Tables of one kind that deletion treats differently: say which is which.
  return (
    <ul className="data-kind-outcomes">
      {kind.atDeletion.map((o) => (
        <li key={o.tables.join()}>
          <span className="muted">{t('kind.tablesOf', { tables: o.tables.join(', ') })}</span>{' '}
          {atDeletionWording(i18n, o)}
        </li>
      ))}
    </ul>
  );
}

function DataKindSection({ kind, index }: { kind: DataKind; index: number }) {
  const { t, i18n } = useTranslation('privacy');
  const headingId = `data-kind-${index}`;
  // The registry's words for the kind, in the reader's language where the deletion page has them.
  const [first] = kind.tables;
  const words = first === undefined ? kind : tableWording(first, kind);
  return (
    <section className="card data-kind" aria-labelledby={headingId}>
      <h2 id={headingId}>{words.data}</h2>
      <dl className="details">
        <div>
          <dt>{t('kind.why')}</dt>
          <dd>{whyWording(i18n, kind).join(' ')}</dd>
        </div>
        <div>
          <dt>{t('kind.howLong')}</dt>
          <dd>{words.keptFor}</dd>
        </div>
        <div>
          <dt>{t('kind.atDeletion')}</dt>
          <dd>
            <AtDeletion kind={kind} />
          </dd>
        </div>
        <div>
          <dt>{t('kind.storedIn')}</dt>
          <dd className="muted">{kind.tables.join(', ')}</dd>
        </div>
      </dl>
    </section>
  );
}

export function PrivacyDataPage() {
  const { t } = useTranslation('privacy');
  usePageTitle(t('page.title'));
  const { state, retry } = useLoad('privacy-data', privacyApi.dataKinds);
  return (
    <>
      <h1>{t('page.title')}</h1>
      <p className="lead">{t('page.lead')}</p>
      <p>
        <Trans t={t} i18nKey="page.deleteLink" components={{ anchor: <Link to="/account/delete" /> }} />
      </p>
      {state.status === 'loaded' ? (
        <div className="data-kinds">
          {state.data.map((kind, index) => (
            <DataKindSection key={kind.data} kind={kind} index={index} />
          ))}
        </div>
      ) : state.status === 'failed' ? (
        <LoadError error={state.error} what={t('page.loadWhat')} onRetry={retry} />
      ) : (
        <Loading>{t('page.loading')}</Loading>
      )}
    </>
  );
}
