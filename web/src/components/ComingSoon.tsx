import { EmptyState, PageHeader } from './feedback';

/** Placeholder page of a module whose screens are not built yet. */
export function ComingSoon({ module }: { module: string }) {
  return (
    <>
      <PageHeader title={module} />
      <EmptyState title={`${module} screens are coming soon`}>
        <p className="muted">The API is ready; the screens for this module are being built.</p>
      </EmptyState>
    </>
  );
}
