import { Navigate } from '@tanstack/react-router';
import { useAuth } from '../../components';
import ControlsPage from './ControlsPage';

/** The module's home: the controls for those who read the programme; the policies for everyone else. */
export default function ComplianceHome() {
  const { can } = useAuth();
  if (!can('compliance:read')) return <Navigate to="/compliance/policies" replace />;
  return <ControlsPage />;
}
