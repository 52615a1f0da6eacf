/** The supervisors' and auditors' web dashboard: static pages plus the catalogue they read. */
export { createDashboardRouter, type DashboardOptions } from './dashboard.router.js';
export {
  buildDashboardCatalogue,
  PROCEDURE_ORDER,
  SIDE_PHASES,
  type DashboardCatalogue,
} from './catalogue.js';
