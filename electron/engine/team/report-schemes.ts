/**
 * Team migration 18: the schemes of a range's calls without reading the range.
 *
 * The shift totals take their columns from the schemes of the calls in the range, which was a
 * scan of every call in it (npm run bench -- --team, 1,000,000 calls: 0.25-0.35 s, a third of
 * the export). This index leads with the call's scheme, then when it started: the schemes
 * present anywhere are walked one by one (a few index pages each), each asked whether it has a
 * call in the range by one probe, and the calls without a scheme of their own (their
 * campaign's) are the range of the NULL key. The caller and campaign filters are read from the
 * index entries too.
 */
export const REPORT_SCHEMES = `
CREATE INDEX calls_scheme_started ON calls (scheme_id, started_at) INCLUDE (caller_id, campaign_id);
`;
