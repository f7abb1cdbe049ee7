/** Team mode: the shared PostgreSQL store (schema, server-side functions, the desk's calls). */
export * from './admin.ts';
export * from './desk.ts';
export { migrateTeam, TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from './migrations.ts';
export { cannotConnect, initTeam, teamTarget, type TeamInit } from './init.ts';
export { TEAM_ROLES } from './roles.ts';
export { importTeamList, type TeamImportOptions } from './import.ts';
