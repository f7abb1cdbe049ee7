/** Team mode: the shared PostgreSQL store (schema, server-side functions, the desk's calls). */
export * from './admin.ts';
export * from './desk.ts';
export { migrateTeam, TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from './migrations.ts';
export { connectProblem, openTeamClient, teamConnection, teamTarget, type TeamConnection, type TlsMode } from './connect.ts';
export { initTeam, type TeamInit } from './init.ts';
export * from './logins.ts';
export { TEAM_ROLES } from './roles.ts';
export * from './outbox.ts';
export * from './connection.ts';
export { parseTeamEvent, TEAM_CHANNEL, type TeamEvent } from './notify.ts';
export * from './board.ts';
