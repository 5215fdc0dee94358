import { useParams } from '@tanstack/react-router';
import { KINDS, type DocumentKind } from '../queries';

/** The document kind of the current URL (/finance/invoices/…), or null for an unknown segment. */
export function useDocumentKind(): DocumentKind | null {
  const { kind } = useParams({ strict: false }) as { kind?: string };
  const found = (Object.keys(KINDS) as DocumentKind[]).find((k) => KINDS[k].path === kind);
  return found ?? null;
}
