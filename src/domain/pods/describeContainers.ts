// The Containers section of Describe Pod: per container its ID, image, ports, state and last state (reason, message,
// exit code, signal, start and finish), ready, restarts, probes, resources, environment and mounts — kubectl's fields. Pure.
import type { V1Container, V1ContainerState, V1ContainerStatus, V1EnvVar, V1Pod, V1Probe } from '@kubernetes/client-node';
import { describeTime, field, heading, line, type Field } from './describeLayout';

export function containerFields(pod: V1Pod, c: V1Container, statuses: readonly V1ContainerStatus[]): Field[] {
  const s = statuses.find((x) => x.name === c.name);
  const out: Field[] = [heading(1, c.name)];
  if (s?.containerID) out.push(field(2, 'Container ID', s.containerID));
  out.push(field(2, 'Image', c.image));
  if (s) out.push(field(2, 'Image ID', s.imageID));
  const ports = c.ports ?? [];
  const portText = ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostText = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  out.push(field(2, ports.length > 1 ? 'Ports' : 'Port', portText || undefined), field(2, ports.length > 1 ? 'Host Ports' : 'Host Port', hostText || undefined));
  if (c.command?.length) out.push(heading(2, 'Command'), ...c.command.map((x) => line(3, x)));
  if (c.args?.length) out.push(heading(2, 'Args'), ...c.args.map((x) => line(3, x)));
  if (s) {
    out.push(...stateFields('State', s.state));
    if (s.lastState?.terminated) out.push(...stateFields('Last State', s.lastState));
    out.push(field(2, 'Ready', s.ready ? 'True' : 'False'), field(2, 'Restart Count', s.restartCount));
  }
  out.push(...resourceFields('Limits', c.resources?.limits), ...resourceFields('Requests', c.resources?.requests));
  if (c.livenessProbe) out.push(field(2, 'Liveness', probeText(c.livenessProbe)));
  if (c.readinessProbe) out.push(field(2, 'Readiness', probeText(c.readinessProbe)));
  if (c.startupProbe) out.push(field(2, 'Startup', probeText(c.startupProbe)));
  if (c.envFrom?.length) {
    out.push(heading(2, 'Environment Variables from'));
    for (const f of c.envFrom) {
      const src = f.configMapRef ? `${f.configMapRef.name ?? ''}  ConfigMap  Optional: ${f.configMapRef.optional === true}` : `${f.secretRef?.name ?? ''}  Secret     Optional: ${f.secretRef?.optional === true}`;
      out.push(line(3, `${f.prefix ? `${f.prefix} ` : ''}${src}`));
    }
  }
  const env = c.env ?? [];
  if (env.length) out.push(heading(2, 'Environment'), ...env.map((e) => field(3, e.name, envValue(pod, e))));
  else out.push(field(2, 'Environment', undefined));
  const mounts = c.volumeMounts ?? [];
  out.push(field(2, 'Mounts', mounts.map((v) => `${v.mountPath} from ${v.name} (${v.readOnly ? 'ro' : 'rw'}${v.subPath ? `,path="${v.subPath}"` : ''})`).join('\n') || undefined));
  return out;
}


/** "State: Running / Started: …", "Waiting / Reason: CrashLoopBackOff", "Terminated / Reason, Message, Exit Code, Signal, Started, Finished". */
export function stateFields(label: 'State' | 'Last State', state: V1ContainerState | undefined): Field[] {
  if (state?.running) return [field(2, label, 'Running'), field(3, 'Started', describeTime(state.running.startedAt))];
  if (state?.waiting) {
    // kubectl shows a waiting container's reason only (its message repeats in the events).
    return [field(2, label, 'Waiting'), field(3, 'Reason', state.waiting.reason)];
  }
  const t = state?.terminated;
  if (t) {
    const out = [field(2, label, 'Terminated'), field(3, 'Reason', t.reason)];
    if (t.message) out.push(field(3, 'Message', t.message.trim()));
    out.push(field(3, 'Exit Code', t.exitCode));
    if (t.signal) out.push(field(3, 'Signal', t.signal));
    out.push(field(3, 'Started', describeTime(t.startedAt)), field(3, 'Finished', describeTime(t.finishedAt)));
    return out;
  }
  return [field(2, label, 'Waiting')];
}

function resourceFields(label: string, r: Record<string, string> | undefined): Field[] {
  const entries = Object.entries(r ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? [heading(2, label), ...entries.map(([k, v]) => field(3, k, v))] : [];
}

function envValue(pod: V1Pod, e: V1EnvVar): string {
  if (e.value !== undefined) return e.value === '' ? '""' : e.value;
  const v = e.valueFrom;
  if (v?.configMapKeyRef) return `<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name ?? ''}'>  Optional: ${v.configMapKeyRef.optional === true}`;
  if (v?.secretKeyRef) return `<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name ?? ''}'>  Optional: ${v.secretKeyRef.optional === true}`;
  if (v?.fieldRef) return `${fieldPathValue(pod, v.fieldRef.fieldPath)} (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})`;
  if (v?.resourceFieldRef) return `${v.resourceFieldRef.resource} (${v.resourceFieldRef.containerName ?? ''})`;
  return '""';
}

function probeText(p: V1Probe): string {
  let how = 'unknown';
  if (p.httpGet) how = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? '/'}`;
  else if (p.tcpSocket) how = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  else if (p.exec) how = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.grpc) how = `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''}`.trim();
  return `${how} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

/** The value a downward-API field path gives the container, as kubectl resolves it for describe ('' when it has none). */
export function fieldPathValue(pod: V1Pod, path: string): string {
  const m = pod.metadata;
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? m?.labels : m?.annotations)?.[keyed[2] ?? ''] ?? '';
  const simple: Record<string, string | undefined> = {
    'metadata.name': m?.name,
    'metadata.namespace': m?.namespace,
    'metadata.uid': m?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return simple[path] ?? '';
}
