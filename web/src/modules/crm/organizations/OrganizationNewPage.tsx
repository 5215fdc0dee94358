import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { OrganizationForm } from './OrganizationForm';
import '../crm.css';

export default function OrganizationNewPage() {
  return (
    <>
      <PageHeader title="New organization" actions={<Link to="/crm/organizations">Back to organizations</Link>} />
      <section className="card" aria-label="Organization">
        <OrganizationForm />
      </section>
    </>
  );
}
