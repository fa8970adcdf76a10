// The URI schemes of the cockpit's read-only Kubernetes documents, registered at start-up: Show YAML and Show Events
// (phoenix-ops:), Describe Pod and Previous Logs (phoenix-ops-pod:, its own provider that re-reads on change).
export const KUBE_SCHEME = 'phoenix-ops';
export const POD_SCHEME = 'phoenix-ops-pod';
