export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A budget line as the editor holds it: account, department and twelve monthly amounts as typed. */
export interface Row {
  key: string;
  accountId: string;
  department: string;
  amounts: string[];
}

let nextKey = 0;
/** An empty line (each with its own React key). */
export const newRow = (): Row => ({ key: `r${nextKey++}`, accountId: '', department: '', amounts: Array(12).fill('') });

/** The editor's lines for a saved budget's lines (zeros shown empty). */
export function rowsOf(lines: { accountId: string; department?: string | null; amounts: string[] }[]): Row[] {
  return lines.map((l) => ({
    key: `r${nextKey++}`,
    accountId: l.accountId,
    department: l.department ?? '',
    amounts: l.amounts.map((a) => (/^-?0(\.0+)?$/.test(a) ? '' : a)),
  }));
}
