import { useSearchParams } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';

export function SearchPage() {
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  usePageTitle(query === '' ? 'Search' : `Search: ${query}`);
  return (
    <>
      <h1>Search</h1>
      {query !== '' ? (
        <p>
          You searched for <strong>“{query}”</strong>.
        </p>
      ) : null}
      <p>Search is coming soon. Once the catalogue opens, matching products will appear here.</p>
    </>
  );
}
