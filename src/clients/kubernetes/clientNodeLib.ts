// The parts of @kubernetes/client-node the cockpit uses, re-exported from one module that clientNode.ts imports
// dynamically: a static list lets the bundler drop the rest of the package (a dynamic import of the package itself
// would keep all of its generated APIs, ~3.4 MB instead of ~1.1 MB).
export { AppsV1Api, CoreV1Api, KubeConfig, Observable, Watch } from '@kubernetes/client-node';
