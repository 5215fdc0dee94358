import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { PageHeader, QueryState, useAuth } from '../../../components';
import { DeleteButton } from '../shared/DeleteButton';
import { OrganizationNameLink } from '../shared/links';
import { crmKeys, OwnerName, type Contact } from '../shared/queries';
import { Timeline } from '../shared/Timeline';
import { ContactForm } from './ContactForm';
import { MergeDialog } from './MergeDialog';
import '../crm.css';

export default function ContactPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const contact = useQuery({
    queryKey: crmKeys.contact(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/contacts/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={contact} height="12em">
      {(c) => <ContactView contact={c} reload={() => void contact.refetch()} />}
    </QueryState>
  );
}

function ContactView({ contact: c, reload }: { contact: Contact; reload: () => void }) {
  const { can } = useAuth();
  const [merging, setMerging] = useState(false);
  return (
    <>
      <PageHeader
        title={`${c.firstName} ${c.lastName}`}
        description={
          <>
            Contact{c.title ? ` · ${c.title}` : ''}
            {c.organizationId && (
              <>
                {' '}
                at <OrganizationNameLink id={c.organizationId} name={c.organizationName} />
              </>
            )}{' '}
            · owner <OwnerName name={c.ownerName} />
            {c.leadId && (
              <>
                {' '}
                · from <Link to={`/crm/leads/${c.leadId}`}>a lead</Link>
              </>
            )}
          </>
        }
        actions={
          <>
            <Link to="/crm/contacts">Back to contacts</Link>
            {can('crm:write') && (
              <>
                <button type="button" className="btn" onClick={() => setMerging(true)}>
                  Merge duplicate…
                </button>
                <DeleteButton
                  what={`${c.firstName} ${c.lastName}`}
                  message="The contact is deleted; its activities stay on the timeline of the other records."
                  listId={crmKeys.contacts}
                  afterPath="/crm/contacts"
                  onReload={reload}
                  remove={() =>
                    unwrap(
                      api.DELETE('/api/v1/crm/contacts/{id}', {
                        params: { path: { id: c.id }, query: { version: c.version } },
                      }),
                    )
                  }
                />
              </>
            )}
          </>
        }
      />
      {merging && <MergeDialog contact={c} onClose={() => setMerging(false)} />}
      <section className="card" aria-labelledby="contact-details">
        <h2 id="contact-details">Details</h2>
        <ContactForm key={c.version} contact={c} onReload={reload} />
      </section>
      <Timeline kind="contacts" id={c.id} />
    </>
  );
}
