import { useCallback } from 'react';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { useReport } from './useReport.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How far each list has got, as it stands now: one row per campaign and list. */
export function ListProgress({ campaignId }: { campaignId: number | null }) {
  const load = useCallback(() => unwrap(api().listProgress(campaignId ? { campaignId } : {})), [campaignId]);
  const { data, error } = useReport(load);
  return (
    <section aria-labelledby="lists-title">
      <h3 id="lists-title">List progress (now)</h3>
      <Problem text={error} />
      {data && (
        <div className="table-scroll">
          <table className="numbers">
            <caption className="sr-only">List progress: {plural(data.length, 'list')}</caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">List</th>
                <th scope="col">Records</th>
                <th scope="col">Fresh</th>
                <th scope="col">In play</th>
                <th scope="col">Closed</th>
                <th scope="col">On do-not-call</th>
                <th scope="col">Penetration</th>
                <th scope="col">Attempts per record</th>
              </tr>
            </thead>
            <tbody>
              {data.length === 0 ? (
                <tr>
                  <td colSpan={9} className="muted">
                    No lists imported yet.
                  </td>
                </tr>
              ) : (
                data.map((l) => (
                  <tr key={l.listId}>
                    <td>{l.campaign}</td>
                    <th scope="row">{l.list}</th>
                    <td>{l.records}</td>
                    <td>{l.fresh}</td>
                    <td>{l.inPlay}</td>
                    <td>{l.closed}</td>
                    <td>{l.onDnc}</td>
                    <td>
                      <span className="meter" aria-hidden="true">
                        <span style={{ width: `${l.penetration}%` }} />
                      </span>
                      {l.penetration}%
                    </td>
                    <td>{l.attemptsPerRecord}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
