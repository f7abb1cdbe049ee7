// Runs first in every npm script a person types (start, test, outcall), as a script or with
// `node --require`, and must itself run on any old Node: plain ES5, no dependencies. `npm ci` is
// stopped before it installs anything by `engine-strict` in .npmrc and the engines field.
'use strict';

var REQUIRED = [22, 18];
// Only the tests set this, to play an old Node on a machine that has none.
var version = process.env.OUTCALL_TEST_NODE_VERSION || process.versions.node;
var parts = String(version).replace(/^v/, '').split('.');
var major = Number(parts[0]);
var minor = Number(parts[1]);

if (!(major > REQUIRED[0] || (major === REQUIRED[0] && minor >= REQUIRED[1]))) {
  console.error(
    'Outcall needs Node.js ' + REQUIRED.join('.') + ' or later; this is Node ' + version + '.\n' +
      'Get Node 22 from https://nodejs.org/en/download (or `nvm install 22`, `fnm install 22`, `volta install node@22`),\n' +
      'then run `npm ci` again with it and retry.'
  );
  process.exit(1);
}
