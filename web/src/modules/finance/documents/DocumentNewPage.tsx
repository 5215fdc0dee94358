import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { KINDS } from '../queries';
import { DocumentForm } from './DocumentForm';
import { useDocumentKind } from './kind';
import NotFoundKind from './NotFoundKind';

export default function DocumentNewPage() {
  const kind = useDocumentKind();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { partyId?: string };
  if (!kind) return <NotFoundKind />;
  const k = KINDS[kind];
  return (
    <>
      <PageHeader
        title={`New ${k.label.toLowerCase()}`}
        description="Saved as a draft: you can change it until it is issued."
        actions={<Link to={`/finance/${k.path}`}>Back to {k.plural.toLowerCase()}</Link>}
      />
      <section className="card" aria-label={k.label}>
        <DocumentForm
          key={kind}
          kind={kind}
          {...(search.partyId ? { initialPartyId: search.partyId } : {})}
          onSaved={(doc) => void navigate({ to: `/finance/${k.path}/${doc.id}` })}
        />
      </section>
    </>
  );
}
