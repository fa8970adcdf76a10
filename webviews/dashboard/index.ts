// The dashboard panels' page (Cost Reduction, Cost Overview, Service Health): figures, charts, tables, range picker.
import { startDashboard } from './dashboardPage';

startDashboard();
