import { Link } from '@tanstack/react-router';

export function NotFound() {
  return (
    <div className="no-access">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <Link to="/" className="btn">
        Go to the dashboard
      </Link>
    </div>
  );
}
