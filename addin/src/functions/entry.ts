// functions.js, named by the manifest's <Script>: the same functions as the task pane bundle, for
// hosts that load the script on its own.
import '../jitless.js';
import './functions.js';
