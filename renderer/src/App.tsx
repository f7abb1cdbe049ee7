import { b2bAppointmentSetting } from '../../shared/schemes/index.ts';

/** The call-result cheat sheet, generated from the scheme data. */
export function App() {
  const scheme = b2bAppointmentSetting;
  return (
    <main>
      <h1>Outcall</h1>
      <h2>{scheme.name}: call results</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Result</th>
            <th scope="col">Record</th>
            <th scope="col">When to use</th>
          </tr>
        </thead>
        <tbody>
          {scheme.codes.map((code) => (
            <tr key={code.slug}>
              <td>
                <kbd>{code.shortcut.toUpperCase()}</kbd>
              </td>
              <td>{code.label}</td>
              <td>{code.open ? 'Open' : 'Closed'}</td>
              <td>{code.whenToUse}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
