import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type PaginationProps = {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  /** Called when a page link is followed, so the page can move focus to the new results. */
  onFollow: () => void;
};

export function Pagination({ page, totalPages, hrefFor, onFollow }: PaginationProps) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  return (
    <nav aria-label={t('pagination.label')} className="pagination">
      {page > 1 ? (
        <Link
          to={hrefFor(Math.min(page - 1, totalPages))}
          rel="prev"
          className="button button-secondary"
          onClick={onFollow}
        >
          {t('pagination.previous')}
        </Link>
      ) : (
        <span className="pagination-spacer" />
      )}
      <p className="pagination-status">{t('pagination.status', { page, totalPages })}</p>
      {page < totalPages ? (
        <Link to={hrefFor(page + 1)} rel="next" className="button button-secondary" onClick={onFollow}>
          {t('pagination.next')}
        </Link>
      ) : (
        <span className="pagination-spacer" />
      )}
    </nav>
  );
}
