/**
 * Sample bank files for tests, the e2e test and the benchmark, written after the published schemas:
 * ISO 20022 camt.053.001.08 (BankToCustomerStatementV08: GrpHdr, Stmt with Acct, Bal OPBD/CLBD, Ntry
 * in the schema's element order) and OFX 1.02 (SGML, leaves without end tags) / 2.2 (XML).
 */
export interface SampleLine {
  date: string;
  /** Signed: money in positive. */
  amount: string;
  description?: string;
  reference?: string;
  counterparty?: string;
  bankRef?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const abs = (a: string) => a.replace(/^-/, '');
const cents = (a: string) => Math.round(Number(a) * 100);
const fromCents = (c: number) => `${c < 0 ? '-' : ''}${(Math.abs(c) / 100).toFixed(2)}`;

export function camt053(options: {
  iban: string;
  currency: string;
  opening: string;
  lines: SampleLine[];
  statementId?: string;
  pending?: SampleLine[];
}): string {
  const closing = fromCents(options.lines.reduce((s, l) => s + cents(l.amount), cents(options.opening)));
  const dates = options.lines.map((l) => l.date).sort();
  const balance = (code: string, amount: string, date: string) => `
      <Bal>
        <Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>
        <Amt Ccy="${options.currency}">${abs(amount)}</Amt>
        <CdtDbtInd>${amount.startsWith('-') ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>`;
  const entry = (l: SampleLine, status: string) => {
    const incoming = !l.amount.startsWith('-');
    const party = l.counterparty
      ? `<RltdPties>${incoming ? `<Dbtr><Pty><Nm>${esc(l.counterparty)}</Nm></Pty></Dbtr>` : `<Cdtr><Pty><Nm>${esc(l.counterparty)}</Nm></Pty></Cdtr>`}</RltdPties>`
      : '';
    const remittance =
      l.reference || l.description
        ? `<RmtInf>${l.description ? `<Ustrd>${esc(l.description)}</Ustrd>` : ''}${
            l.reference
              ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${esc(l.reference)}</Ref></CdtrRefInf></Strd>`
              : ''
          }</RmtInf>`
        : '';
    return `
      <Ntry>
        <Amt Ccy="${options.currency}">${abs(l.amount)}</Amt>
        <CdtDbtInd>${incoming ? 'CRDT' : 'DBIT'}</CdtDbtInd>
        <Sts><Cd>${status}</Cd></Sts>
        <BookgDt><Dt>${l.date}</Dt></BookgDt>
        <ValDt><Dt>${l.date}</Dt></ValDt>
        ${l.bankRef ? `<AcctSvcrRef>${esc(l.bankRef)}</AcctSvcrRef>` : ''}
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${incoming ? 'RCDT' : 'ICDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>${party}${remittance}</TxDtls></NtryDtls>
      </Ntry>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>MSG-${options.statementId ?? 'STMT-1'}</MsgId>
      <CreDtTm>${dates[dates.length - 1]}T18:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>${options.statementId ?? 'STMT-1'}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${dates[dates.length - 1]}T18:00:00</CreDtTm>
      <FrToDt><FrDtTm>${dates[0]}T00:00:00</FrDtTm><ToDtTm>${dates[dates.length - 1]}T23:59:59</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>${options.iban}</IBAN></Id>
        <Ccy>${options.currency}</Ccy>
      </Acct>${balance('OPBD', options.opening, dates[0]!)}${balance('CLBD', closing, dates[dates.length - 1]!)}${options.lines
        .map((l) => entry(l, 'BOOK'))
        .join('')}${(options.pending ?? []).map((l) => entry(l, 'PDNG')).join('')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

const ofxDate = (d: string) => `${d.replace(/-/g, '')}120000.000[+1:CET]`;

/** OFX 1.02 (SGML: no end tags on leaves) or 2.2 (XML). LEDGERBAL is the closing balance. */
export function ofx(options: {
  accountNumber: string;
  currency: string;
  closing: string;
  lines: SampleLine[];
  xml?: boolean;
}): string {
  const close = (tag: string) => (options.xml ? `</${tag}>` : '');
  const leaf = (tag: string, value: string) => `<${tag}>${esc(value)}${close(tag)}`;
  const dates = options.lines.map((l) => l.date).sort();
  const trn = (l: SampleLine, i: number) =>
    [
      '<STMTTRN>',
      leaf('TRNTYPE', l.amount.startsWith('-') ? 'DEBIT' : 'CREDIT'),
      leaf('DTPOSTED', ofxDate(l.date)),
      leaf('TRNAMT', l.amount),
      leaf('FITID', l.bankRef ?? `FIT${i + 1}`),
      ...(l.reference ? [leaf('REFNUM', l.reference)] : []),
      ...(l.counterparty ? [leaf('NAME', l.counterparty)] : []),
      ...(l.description ? [leaf('MEMO', l.description)] : []),
      '</STMTTRN>',
    ].join('\n');
  const body = [
    '<OFX>',
    '<SIGNONMSGSRSV1><SONRS>',
    '<STATUS>',
    leaf('CODE', '0'),
    leaf('SEVERITY', 'INFO'),
    '</STATUS>',
    leaf('DTSERVER', ofxDate(dates[dates.length - 1]!)),
    leaf('LANGUAGE', 'ENG'),
    '</SONRS></SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1><STMTTRNRS>',
    leaf('TRNUID', 'OFX-1'),
    '<STATUS>',
    leaf('CODE', '0'),
    leaf('SEVERITY', 'INFO'),
    '</STATUS>',
    '<STMTRS>',
    leaf('CURDEF', options.currency),
    '<BANKACCTFROM>',
    leaf('BANKID', '121099999'),
    leaf('ACCTID', options.accountNumber),
    leaf('ACCTTYPE', 'CHECKING'),
    '</BANKACCTFROM>',
    '<BANKTRANLIST>',
    leaf('DTSTART', ofxDate(dates[0]!)),
    leaf('DTEND', ofxDate(dates[dates.length - 1]!)),
    ...options.lines.map(trn),
    '</BANKTRANLIST>',
    '<LEDGERBAL>',
    leaf('BALAMT', options.closing),
    leaf('DTASOF', ofxDate(dates[dates.length - 1]!)),
    '</LEDGERBAL>',
    '</STMTRS>',
    '</STMTTRNRS></BANKMSGSRSV1>',
    '</OFX>',
  ].join('\n');
  const header = options.xml
    ? '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n'
    : 'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n';
  return header + body + '\n';
}
