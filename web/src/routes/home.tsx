import { Link } from 'react-router';
import { useMe } from '../me-context.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function HomePage() {
  usePageTitle('Home');
  const { state } = useMe();
  return (
    <>
      <h1>Welcome to Souk</h1>
      <p className="lead">A marketplace you can run yourself: buy from and sell to people near you.</p>
      <p>The catalogue is on its way. Soon you will be able to browse products, save them to your cart and message sellers.</p>
      {state.status === 'signed-out' ? (
        <p>
          <Link to="/sign-up" className="button">
            Create your account
          </Link>
        </p>
      ) : null}
    </>
  );
}
