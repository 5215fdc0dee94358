import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../../api';

export type BankAccount = Schema<'BankAccount'>;
export type BankStatement = Schema<'BankStatement'>;
export type StatementLine = Schema<'BankStatementLine'>;
export type Proposal = Schema<'BankMatchProposal'>;
export type BankRule = Schema<'BankRule'>;
export type CsvMapping = NonNullable<Schema<'BankCsvMapping'>>;

export const bankingKeys = {
  accounts: ['finance', 'bank-accounts'] as const,
  account: (id: string) => ['finance', 'bank-account', id] as const,
  statements: (bankAccountId: string) => ['finance', 'bank-statements', bankAccountId] as const,
  statement: (id: string) => ['finance', 'bank-statement', id] as const,
  rules: ['finance', 'bank-rules'] as const,
};

export function useBankAccounts(includeInactive = false) {
  return useQuery({
    queryKey: [...bankingKeys.accounts, includeInactive],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/bank-accounts', {
          params: { query: { includeInactive: includeInactive ? 'true' : 'false' } },
        }),
      ),
  });
}

/** Every line of a statement (pages of 200 read one after the other). */
export async function fetchAllLines(statementId: string): Promise<StatementLine[]> {
  const lines: StatementLine[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET('/api/v1/finance/bank-statements/{id}/lines', {
        params: { path: { id: statementId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    );
    lines.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return lines;
}

/** "DE89 3704 0044 …" for reading. */
export const groupedIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();
