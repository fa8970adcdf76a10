// The URI scheme of the cockpit's read-only Kubernetes documents (Show YAML, Show Events); registered at start-up.
export const KUBE_SCHEME = 'phoenix-ops';
