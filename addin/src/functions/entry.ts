// functions.js, named by the manifest's <Script>: the same functions as the task pane bundle, for
// hosts that load the script on its own. Without the pane, this script looks for the workbook's
// plan itself, so that waiting functions go on (with the preset where Excel's API is unavailable).
import '../jitless.js';
import './functions.js';
import { openWorkbookPlan } from '../app/operations.js';

void openWorkbookPlan().catch(() => undefined);
