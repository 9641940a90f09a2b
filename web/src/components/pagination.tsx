import { Link } from 'react-router';
import { formatCount } from '../lib/format.ts';

type PaginationProps = {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  /** Called when a page link is followed, so the page can move focus to the new results. */
  onFollow: () => void;
};

export function Pagination({ page, totalPages, hrefFor, onFollow }: PaginationProps) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="pagination">
      {page > 1 ? (
        <Link
          to={hrefFor(Math.min(page - 1, totalPages))}
          rel="prev"
          className="button button-secondary"
          onClick={onFollow}
        >
          Previous
        </Link>
      ) : (
        <span className="pagination-spacer" />
      )}
      <p className="pagination-status">
        Page {formatCount(page)} of {formatCount(totalPages)}
      </p>
      {page < totalPages ? (
        <Link to={hrefFor(page + 1)} rel="next" className="button button-secondary" onClick={onFollow}>
          Next
        </Link>
      ) : (
        <span className="pagination-spacer" />
      )}
    </nav>
  );
}
