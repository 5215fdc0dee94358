import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api, unwrap } from '../../api';
import { formatDateTime, PageHeader, QueryState } from '../../components';
import { mailKeys } from './MailOutboxPage';

/** One message of the local outbox: its headers, its text, and its HTML in a sandboxed frame (no scripts). */
export default function MailMessagePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const message = useQuery({
    queryKey: mailKeys.message(id),
    queryFn: () => unwrap(api.GET('/api/v1/mail/outbox/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={message} height="20em">
      {(m) => (
        <>
          <PageHeader
            title={m.subject || '(no subject)'}
            description={`Written to the outbox ${formatDateTime(m.sentAt)} · ${m.size.toLocaleString()} bytes`}
            actions={
              <Link to="/admin/mail" className="btn">
                ← Outbox
              </Link>
            }
          />
          <div className="table-scroll">
            <table aria-label="Headers">
              <tbody>
                {m.headers
                  .filter((h) => !/^content-|^mime-version$/i.test(h.name))
                  .map((h, i) => (
                    <tr key={`${h.name}-${i}`}>
                      <th scope="row">{h.name}</th>
                      <td className="wrap">{h.value}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          {m.attachments.length > 0 && (
            <section aria-label="Attachments">
              <h2>Attachments</h2>
              <ul>
                {m.attachments.map((a, i) => (
                  <li key={`${a.fileName}-${i}`}>
                    {a.fileName} ({a.contentType}, {a.size.toLocaleString()} bytes)
                  </li>
                ))}
              </ul>
            </section>
          )}
          {m.html !== null && (
            <section aria-label="HTML">
              <h2>HTML</h2>
              {/* No sandbox permissions: the message's HTML cannot run scripts or reach this origin. */}
              <iframe
                title="The message as HTML"
                sandbox=""
                srcDoc={m.html}
                style={{
                  width: '100%',
                  minHeight: '20em',
                  border: '1px solid var(--border, #ccc)',
                  background: '#fff',
                }}
              />
            </section>
          )}
          {m.text !== null && (
            <section aria-label="Text">
              <h2>Text</h2>
              <pre className="wrap" style={{ whiteSpace: 'pre-wrap' }}>
                {m.text}
              </pre>
            </section>
          )}
        </>
      )}
    </QueryState>
  );
}
