import { Link, useSearch } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { ContactForm } from './ContactForm';
import '../crm.css';

export default function ContactNewPage() {
  const search = useSearch({ strict: false }) as { organizationId?: string };
  return (
    <>
      <PageHeader title="New contact" actions={<Link to="/crm/contacts">Back to contacts</Link>} />
      <section className="card" aria-label="Contact">
        <ContactForm {...(search.organizationId ? { organizationId: search.organizationId } : {})} />
      </section>
    </>
  );
}
