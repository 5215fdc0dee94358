import { Link } from '@tanstack/react-router';
import { EmptyState } from '../../../components';

export default function NotFoundKind() {
  return (
    <EmptyState title="There is no such page in Finance">
      <Link to="/finance">Finance overview</Link>
    </EmptyState>
  );
}
