// The classifier's vocabulary, entry by entry: every tool, verb, flag, setting and function it knows is stated
// here with the verdict it must give, so no entry can change or vanish unnoticed (each list is a specification).
import assert from 'node:assert/strict';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

type Kind = Parameters<typeof classifyStep>[0];
const verdict = (k: Kind, t: string) => {
  const s = classifyStep(k, t);
  return `${s.kind}${s.reasons.length ? `: ${s.reasons.join(', ')}` : ''}`;
};
const each = (k: Kind, cases: Record<string, string>) => {
  for (const [text, want] of Object.entries(cases)) assert.equal(verdict(k, text), want, text);
};

describe('step safety vocabulary: local tools', () => {
  it('knows these to only read (or to write only local scratch and their own output)', () => {
    const tools = [
      ':', 'true', 'false', 'echo', 'printf', 'cd', 'pushd', 'popd', 'dirs', 'pwd', 'export', 'unset', 'local', 'declare', 'typeset', 'readonly', 'set', 'shift', 'read', 'mapfile',
      'readarray', 'test', '[', '[[', 'for', 'exit', 'return', 'break', 'continue', 'wait', 'sleep', 'type', 'let', 'getopts', 'shopt', 'cat', 'head', 'tail', 'grep', 'egrep',
      'fgrep', 'zgrep', 'zcat', 'rg', 'jq', 'sort', 'uniq', 'wc', 'cut', 'tr', 'column', 'paste', 'join', 'fold', 'fmt', 'nl', 'rev', 'tac', 'base64', 'base32', 'cmp', 'diff',
      'comm', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'xxd', 'od', 'hexdump', 'strings', 'date', 'ls', 'stat', 'file', 'du', 'df', 'free', 'uptime', 'ps', 'pgrep',
      'hostname', 'whoami', 'id', 'uname', 'which', 'printenv', 'basename', 'dirname', 'realpath', 'readlink', 'seq', 'yes', 'expr', 'bc', 'nproc', 'getent', 'nslookup', 'dig',
      'host', 'ping', 'mktemp', 'tee', 'less', 'more', 'numfmt', 'tput', 'clear', 'pg_isready', 'pg_dump', 'pg_dumpall', 'mkdir', 'touch',
    ];
    for (const t of tools) assert.equal(verdict('shell', `${t} x`), 'readOnly', t);
    for (const t of tools) assert.equal(verdict('shell', `/usr/bin/${t} x`), 'readOnly', `/usr/bin/${t}`);
  });

  it('never takes these for read-only, whatever follows', () => {
    each('shell', {
      'eval ls': 'mutating: eval runs text built at run time',
      'source x.sh': 'mutating: source runs another file',
      '. x.sh': 'mutating: . runs another file',
      'trap "ls" EXIT': 'mutating: trap runs a command later',
      'alias l=ls': 'mutating: alias changes what a command name means',
      'sudo ls': 'mutating: sudo runs a command as another user',
      'su -c ls': 'mutating: su runs a command as another user',
      './ls': 'mutating: ./ls (a script or program by path) is not known to be read-only',
      '/opt/bin/ls': 'mutating: /opt/bin/ls (a script or program by path) is not known to be read-only',
      '/usr/local/bin/ls x': 'readOnly',
      '/usr/local/bin/ops/purge': 'mutating: /usr/local/bin/ops/purge (a script or program by path) is not known to be read-only',
      'kubectl$SUFFIX get pods': 'mutating: a command name from a variable or expansion ("kubectl…")',
      '/usr/sbin/ls': 'readOnly',
      '/sbin/ls': 'readOnly',
      'gzip x': 'mutating: gzip is not known to be read-only',
      'tar xf x': 'mutating: tar is not known to be read-only',
    });
  });

  it('runs wrappers as the command they wrap, with their own options', () => {
    each('shell', {
      'nohup kubectl delete pod x': 'destructive: kubectl delete',
      'setsid -f kubectl delete pod x': 'destructive: kubectl delete',
      'setsid --wait kubectl get pods': 'readOnly',
      'nice -n 5 kubectl delete pod x': 'destructive: kubectl delete',
      'nice --adjustment=5 kubectl get pods': 'readOnly',
      'stdbuf -o0 kubectl delete pod x': 'destructive: kubectl delete',
      'stdbuf --output=L kubectl get pods': 'readOnly',
      'timeout -s KILL -k 5 30 kubectl delete pod x': 'destructive: kubectl delete',
      'timeout --preserve-status --foreground -v 30 kubectl get pods': 'readOnly',
      'timeout 30 kubectl get pods': 'readOnly',
      'builtin echo x': 'readOnly',
      'builtin kubectl delete pod x': 'destructive: kubectl delete',
      'exec -a name -c -l kubectl delete pod x': 'destructive: kubectl delete',
      'exec >/tmp/log': 'readOnly',
      'watch -n 2 -d -t -e -b -x -c kubectl get pods': 'readOnly',
      'watch --interval=2 --differences kubectl delete pod x': 'destructive: kubectl delete',
      'xargs -0 -r -t -x -n 1 -L 1 -P 2 -s 99 -d , -E x -I {} -a f kubectl delete pod {}': 'destructive: kubectl delete',
      'xargs --null --no-run-if-empty --verbose --exit --max-args=1 --max-lines=1 --max-procs=2 --max-chars=9 --delimiter=, --replace={} --arg-file=f kubectl get pods': 'readOnly',
      'xargs': 'readOnly',
      'time -p -v -a -f x -o y kubectl delete pod x': 'destructive: kubectl delete',
      'time --format=x --output=y --verbose --append kubectl get pods': 'readOnly',
      'timeout --bogus 30 kubectl get pods': 'mutating: timeout with an option the classifier does not know (--bogus)',
      'env -i -u X -C /tmp A=1 kubectl delete pod x': 'destructive: kubectl delete',
      'env - --ignore-environment --unset=X --chdir=/tmp -0 kubectl get pods': 'readOnly',
      'env --unset X kubectl get pods': 'readOnly',
      'env A=1': 'readOnly',
      'env -S "x y"': 'mutating: env with an option the classifier does not know (-S)',
      'env "$PROG" x': 'mutating: a command name from a variable or expansion ("…")',
      'command -p kubectl delete pod x': 'destructive: kubectl delete',
      'command -v kubectl': 'readOnly',
      'command -V rm': 'readOnly',
      'command': 'readOnly',
    });
  });

  it('a wrapper\'s options end at "--" or at a lone "-" (its command), and a long option may take the next word as its value', () => {
    each('shell', {
      'nice -n 5 -- kubectl delete pod x': 'destructive: kubectl delete',
      'timeout -s KILL -- 30 kubectl get pods': 'readOnly',
      'nohup -': 'mutating: - is not known to be read-only',
      'xargs --max-args 1 kubectl delete pod': 'destructive: kubectl delete',
      'time --output times.txt kubectl get pods': 'readOnly',
    });
  });

  it('follows eight wrappers in a row, and no more', () => {
    const eight = 'time nohup timeout 5 env A=1 nice -n 5 stdbuf -oL setsid command';
    assert.equal(verdict('shell', `${eight} kubectl get pods`), 'readOnly');
    assert.equal(verdict('shell', `${eight} kubectl delete pod x`), 'destructive: kubectl delete');
    assert.equal(verdict('shell', `nohup ${eight} kubectl get pods`), 'mutating: wrappers nested deeper than the classifier follows');
  });

  it('watch runs its words as a script: a variable among them may hold any command, and it nests as deep as bash -c', () => {
    each('shell', {
      'watch kubectl get pod "$POD"': 'mutating: watch running a command from a variable',
      'watch watch watch ls': 'readOnly',
      'watch watch watch watch ls': 'mutating: watch nested deeper than the classifier follows',
      'watch watch watch watch': 'readOnly', // the innermost watch has nothing to run, however deep
    });
  });

  it('env: --chdir takes the next word, a value from a variable may split into words, and -S (a command in one string) is not known', () => {
    each('shell', {
      'env --chdir /tmp kubectl delete pod x': 'destructive: kubectl delete',
      'env A=$X kubectl get pods': 'mutating: a command name from a variable or expansion ("A=…")',
      // Neither is an assignment nor --unset=: the whole word is -S's string, which env splits and runs.
      "env -S'--unset=A kubectl delete ns x'": 'mutating: env with an option the classifier does not know (-S--unset=A kubectl delete ns x)',
      "env -S'A=1 kubectl delete ns x'": 'mutating: env with an option the classifier does not know (-SA=1 kubectl delete ns x)',
    });
  });

  it('command: -p, -v and -V, alone or together, are its only options; a word that merely ends like one is the command', () => {
    each('shell', {
      'command -pv kubectl': 'readOnly',
      'command -Vp rm': 'readOnly',
      'command ./delete-pv': 'mutating: ./delete-pv (a script or program by path) is not known to be read-only',
      'command -vx rm -rf /tmp/x': 'mutating: -vx is not known to be read-only',
    });
  });

  it('reads shells given a script as that script, and refuses what they read from elsewhere', () => {
    for (const sh of ['bash', 'sh', 'dash', 'zsh', 'ksh']) {
      assert.equal(verdict('shell', `${sh} -c "kubectl delete pod x"`), 'destructive: kubectl delete', sh);
      assert.equal(verdict('shell', `${sh} -c "ls"`), 'readOnly', sh);
      assert.equal(verdict('shell', `${sh} x.sh`), `mutating: ${sh} running a script file or stdin`, sh);
    }
    each('shell', {
      'bash -euxo pipefail -c "ls"': 'readOnly',
      'bash -e -o pipefail -c "kubectl delete pod x"': 'destructive: kubectl delete',
      'bash --norc --noprofile -c "ls"': 'readOnly',
      'bash -O extglob -c "ls"': 'readOnly',
      'bash -ec "ls"': 'readOnly',
      'bash --posix -c "ls"': 'readOnly',
      // A login or interactive shell first runs profile files the classifier cannot see.
      'bash --login -c "ls"': 'mutating: bash running a script file or stdin',
      'bash -l -c "ls"': 'mutating: bash running a script file or stdin',
      'bash -i -c "ls"': 'mutating: bash running a script file or stdin',
      'bash -lc "ls"': 'mutating: bash running a script file or stdin',
      'bash -cl "ls"': 'mutating: bash running a script file or stdin',
      'bash -l-c "ls"': 'mutating: bash running a script file or stdin',
      // Options from a variable may be any, -l among them.
      'bash -e$FLAGS -c "ls"': 'mutating: bash running a script file or stdin',
      'bash --rcfile x -c "ls"': 'mutating: bash running a script file or stdin',
      'bash -c': 'mutating: bash running a script file or stdin',
      "bash -c 'bash -c \"bash -c \\\"bash -c ls\\\"\"'": 'mutating: bash -c nested deeper than the classifier follows',
      'watch "$CMD"': 'mutating: watch running a command from a variable',
    });
  });

  it('judges rm, find, sed, awk, yq and openssl by what they are told to do', () => {
    each('shell', {
      'rm -r x': 'mutating: rm deletes files',
      'rm -f x': 'mutating: rm deletes files',
      'rm -R -f x': 'destructive: rm -rf',
      'rm -Rf x': 'destructive: rm -rf',
      'find . -name x': 'readOnly',
      'find . -delete': 'mutating: find -delete acts on what it finds',
      'find . -execdir x \\;': 'mutating: find -execdir acts on what it finds',
      'find . -ok rm {} \\;': 'mutating: find -ok acts on what it finds',
      'find . -okdir rm {} \\;': 'mutating: find -okdir acts on what it finds',
      'find . -fprint f': 'mutating: find -fprint acts on what it finds',
      'find . -fprint0 f': 'mutating: find -fprint0 acts on what it finds',
      'find . -fprintf f x': 'mutating: find -fprintf acts on what it finds',
      'find . -fls f': 'mutating: find -fls acts on what it finds',
      'find . -executable -type f': 'readOnly',
      'find . -newer .last-exec': 'readOnly',
      'sed -n s/a/b/p f': 'readOnly',
      'sed -E -e s/a/b/ -e s/c/d/ f': 'readOnly',
      'sed --expression=s/a/b/ --quiet f': 'readOnly',
      'sed -r -u -z -s --regexp-extended --silent s/a/b/ f': 'readOnly',
      'sed -l 5 --line-length=5 s/a/b/ f': 'readOnly',
      'sed -f script f': 'mutating: sed running a script file',
      'sed --file=script f': 'mutating: sed running a script file',
      'sed -i.bak s/a/b/ f': 'mutating: sed -i edits files in place',
      'sed --in-place=.bak s/a/b/ f': 'mutating: sed -i edits files in place',
      "sed 's/a/b/w out' f": 'mutating: sed with a script that runs commands or writes files',
      "sed -e '1e date' f": 'mutating: sed with a script that runs commands or writes files',
      "sed -e 'w out' f": 'mutating: sed with a script that runs commands or writes files',
      'sed -e "$S" f': 'mutating: sed with a script that runs commands or writes files',
      "awk '{print $1}' f": 'readOnly',
      "awk -F: -v x=1 '{print $1}' f": 'readOnly',
      "awk --field-separator=: --assign=x=1 '{print}' f": 'readOnly',
      'awk -f prog f': 'mutating: awk running a program file',
      'awk --file=prog f': 'mutating: awk running a program file',
      "awk '{ print | \"sh\" }'": 'mutating: awk with a program that runs commands or writes files',
      "awk '{ \"date\" | getline d }'": 'mutating: awk with a program that runs commands or writes files',
      "awk '{ print |& \"x\" }'": 'mutating: awk with a program that runs commands or writes files',
      "awk '{ printf \"%s\", $1 > \"f\" }'": 'mutating: awk with a program that runs commands or writes files',
      'awk': 'mutating: awk with a program that runs commands or writes files',
      'gawk "$P"': 'mutating: awk with a program that runs commands or writes files',
      "mawk '{print}'": 'readOnly',
      'yq .a f.yaml': 'readOnly',
      'yq -i .a=1 f.yaml': 'mutating: yq -i edits a file in place',
      'yq --inplace .a=1 f.yaml': 'mutating: yq -i edits a file in place',
      'openssl': 'readOnly',
      'openssl ca -batch': 'mutating: openssl ca is not known to be read-only',
      'openssl "$SUB"': 'mutating: openssl (a variable) is not known to be read-only',
    });
    for (const sub of ['x509', 'req', 'rand', 's_client', 'verify', 'dgst', 'genrsa', 'genpkey', 'pkey', 'rsa', 'ec', 'pkcs12', 'base64', 'enc', 'version', 'crl', 'asn1parse', 'speed', 'ecparam', 'pkcs7', 'list', 'help']) {
      assert.equal(verdict('shell', `openssl ${sub} -in x`), 'readOnly', sub);
    }
  });

  it('sed: an option it does not know may edit in place or read a script (BSD sed -I, GNU abbreviations, -$OPT)', () => {
    each('shell', {
      'sed -I .bak s/a/b/ f': 'mutating: sed with an option the classifier does not know (-I)',
      'sed --in=.bak s/a/b/ f': 'mutating: sed with an option the classifier does not know (--in)',
      'sed --fi=x.sed f': 'mutating: sed with an option the classifier does not know (--fi)',
      'sed -$OPT s/a/b/ f': 'mutating: sed with an option the classifier does not know (from a variable)',
      'sed --posix --debug --sandbox --separate --unbuffered --null-data -n p f': 'readOnly',
    });
  });

  it('sed: the script is the value of -e/--expression, else the first word; e and w count after a space or a line number', () => {
    each('shell', {
      'sed --expression s/a/b/ f': 'readOnly',
      "sed --expression='s/a/b/w out.txt' f": 'mutating: sed with a script that runs commands or writes files',
      'sed --line-length 5 s/a/b/ f': 'readOnly',
      'sed -n 1p /etc/hostname': 'readOnly', // a file, not a script, though it ends like one ("me")
      "sed '/error/ w errors.txt' app.log": 'mutating: sed with a script that runs commands or writes files',
      "sed -n '1,10w top.txt' app.log": 'mutating: sed with a script that runs commands or writes files',
    });
  });

  it('awk: an option it does not know may load code or edit in place (gawk -i inplace, gawk -E), or come from a variable', () => {
    each('shell', {
      "gawk -i inplace '{ sub(/a/, \"b\") } 1' f": 'mutating: awk with an option the classifier does not know (-i)',
      'gawk -E prog.awk f': 'mutating: awk with an option the classifier does not know (-E)',
      "awk -$OPT '{print}' f": 'mutating: awk with an option the classifier does not know (from a variable)',
    });
  });

  it('awk: the word after -F, -v and their long forms is their value, so the program after it is the one judged', () => {
    for (const [flag, value] of [['-F', ','], ['--field-separator', ','], ['-v', 'n=1'], ['--assign', 'n=1']]) {
      assert.equal(verdict('shell', `awk ${flag} ${value} '{ print $1 > "out.csv" }' data.csv`), 'mutating: awk with a program that runs commands or writes files', flag);
      assert.equal(verdict('shell', `awk ${flag} ${value} '{ print $1 }' data.csv`), 'readOnly', flag);
    }
    each('shell', {
      "awk '{ system (\"date\") }'": 'mutating: awk with a program that runs commands or writes files',
      "awk '{ \"date\"|getline d }'": 'mutating: awk with a program that runs commands or writes files',
    });
  });
});

describe('step safety vocabulary: kubectl', () => {
  it('reads with these verbs and subverbs', () => {
    for (const v of ['get', 'describe', 'logs', 'log', 'top', 'explain', 'version', 'api-resources', 'api-versions', 'cluster-info', 'diff', 'events', 'wait', 'kustomize', 'completion', 'options', 'help']) {
      assert.equal(verdict('shell', `kubectl ${v} x`), 'readOnly', v);
    }
    for (const v of ['rollout status', 'rollout history', 'config view', 'config current-context', 'config get-contexts', 'config get-clusters', 'config get-users', 'auth can-i', 'auth whoami', 'plugin list']) {
      assert.equal(verdict('shell', `kubectl ${v} x`), 'readOnly', v);
    }
    assert.equal(verdict('shell', 'kubectl'), 'readOnly');
  });

  it('changes with these, destroys with some, and a dry run sends nothing that persists', () => {
    for (const v of ['apply', 'create', 'replace', 'patch', 'edit', 'label', 'annotate', 'set', 'autoscale', 'cordon', 'uncordon', 'taint', 'expose', 'run', 'exec', 'cp', 'attach', 'debug', 'port-forward', 'proxy', 'certificate']) {
      assert.equal(verdict('shell', `kubectl ${v} x`), `mutating: kubectl ${v}`, v);
    }
    for (const v of ['rollout restart', 'rollout pause', 'rollout resume', 'auth reconcile']) assert.equal(verdict('shell', `kubectl ${v} x`), `mutating: kubectl ${v}`, v);
    for (const v of ['use-context', 'use', 'set-context', 'set', 'unset', 'set-cluster', 'set-credentials', 'delete-context', 'delete-cluster', 'delete-user', 'rename-context']) {
      const s = classifyStep('shell', `kubectl config ${v} x`);
      assert.equal(`${s.kind}: ${s.reasons.join(', ')}`, `mutating: kubectl config ${v}`, v);
      assert.deepEqual(s.reach.unknown, [`kubectl config ${v} changes which cluster later commands reach`]);
    }
    for (const v of ['apply', 'create', 'replace', 'patch', 'label', 'annotate', 'set', 'scale', 'autoscale', 'cordon', 'uncordon', 'taint', 'expose', 'run', 'delete', 'drain']) {
      assert.equal(verdict('shell', `kubectl ${v} x --dry-run=server`), 'readOnly', `${v} --dry-run=server`);
      assert.equal(verdict('shell', `kubectl ${v} x --dry-run=client`), 'readOnly', `${v} --dry-run=client`);
      assert.equal(verdict('shell', `kubectl ${v} x --dry-run`), 'readOnly', `${v} --dry-run`);
      assert.notEqual(verdict('shell', `kubectl ${v} x --dry-run=none`), 'readOnly', `${v} --dry-run=none`);
    }
    assert.equal(verdict('shell', 'kubectl rollout undo deploy/x --dry-run=server'), 'readOnly');
    for (const v of ['exec', 'cp', 'attach', 'debug', 'port-forward', 'proxy', 'edit']) assert.equal(verdict('shell', `kubectl ${v} x --dry-run=server`), `mutating: kubectl ${v}`, v);
    each('shell', {
      'kubectl scale deploy/x --replicas=abc': 'mutating: kubectl scale',
      'kubectl scale deploy/x --replicas 3': 'mutating: kubectl scale',
      'kubectl scale deploy/x --replicas=': 'destructive: kubectl scale --replicas=0',
      'kubectl apply -f x --prune=false': 'destructive: kubectl apply --prune',
      'kubectl replace -f x': 'mutating: kubectl replace',
      'kubectl auth bogus': 'mutating: kubectl auth bogus is not known to be read-only',
      'kubectl config bogus': 'mutating: kubectl config bogus is not known to be read-only',
      'kubectl plugin bogus': 'mutating: kubectl plugin bogus is not known to be read-only',
      'kubectl rollout': 'mutating: kubectl with a verb from a variable or expansion',
    });
  });

  it('knows which flags take a value (so the verb after them is found) and which do not', () => {
    const valued = [
      '-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as', '--as-group', '--as-uid', '--request-timeout', '-v', '--v',
      '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--username', '--password', '--profile', '--profile-output', '--log-file',
      '--vmodule', '-o', '--output', '-l', '--selector', '-f', '--filename', '-c', '--container', '-p', '--patch', '-L', '--label-columns', '-k', '--kustomize', '--field-selector',
      '--replicas', '--sort-by', '--tail', '--since', '--since-time', '--to-revision', '--revision', '--timeout', '--type', '--image', '--for', '--template', '--grace-period',
      '--prune-allowlist', '--field-manager', '--subresource', '--chunk-size', '--max-log-requests',
    ];
    for (const f of valued) assert.equal(verdict('shell', `kubectl ${f} v get pods`), 'readOnly', f);
    const bool = [
      '-A', '--all-namespaces', '-w', '--watch', '--watch-only', '-i', '--stdin', '-t', '--tty', '-R', '--recursive', '--insecure-skip-tls-verify', '--all', '--overwrite', '--force',
      '--prune', '--no-headers', '--show-labels', '--wide', '--record', '--local', '--follow', '--previous', '--timestamps', '--prefix', '--all-containers', '--ignore-daemonsets',
      '--delete-emptydir-data', '--ignore-not-found', '--wait', '--server-side', '--force-conflicts', '--warnings-as-errors', '--match-server-version', '--disable-compression', '--dry-run',
    ];
    for (const f of bool) assert.equal(verdict('shell', `kubectl ${f} get pods`), 'readOnly', f);
    each('shell', {
      'kubectl -nphase-5 get pods': 'readOnly',
      'kubectl -n=phase-5 get pods': 'readOnly',
      'kubectl -it get pods': 'readOnly',
      'kubectl -q get pods': 'mutating: kubectl with a flag the classifier does not know before its verb',
      'kubectl get pods --anything-after-the-verb x': 'readOnly',
      'kubectl rollout --bogus x status': 'mutating: kubectl with a flag the classifier does not know before its verb',
      'kubectl -- get pods': 'readOnly',
      'kubectl --namespace': 'readOnly',
    });
  });
});

describe('step safety vocabulary: helm, curl, wget, psql, pg_restore, redis-cli', () => {
  it('helm', () => {
    for (const v of ['list', 'ls', 'status', 'history', 'hist', 'get', 'show', 'inspect', 'template', 'version', 'search', 'env', 'lint', 'verify', 'help', 'completion']) {
      assert.equal(verdict('shell', `helm ${v} x`), 'readOnly', v);
    }
    for (const v of ['uninstall', 'delete', 'del', 'un', 'rollback']) assert.equal(verdict('shell', `helm ${v} x`), `destructive: helm ${v}`, v);
    for (const v of ['install', 'upgrade', 'test']) assert.equal(verdict('shell', `helm ${v} x`), `mutating: helm ${v}`, v);
    for (const v of ['repo list', 'repo ls', 'plugin list', 'dependency list']) assert.equal(verdict('shell', `helm ${v}`), 'readOnly', v);
    for (const f of ['-n', '--namespace', '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-token', '--kube-as-user', '--kube-as-group', '--kube-ca-file', '--repository-config', '--repository-cache', '--registry-config', '-o', '--output', '--revision', '--max', '-f', '--values', '--set', '--version', '--timeout']) {
      assert.equal(verdict('shell', `helm ${f} v list`), 'readOnly', f);
    }
    for (const f of ['--debug', '-A', '--all-namespaces', '-a', '--all', '--kube-insecure-skip-tls-verify']) assert.equal(verdict('shell', `helm ${f} list`), 'readOnly', f);
    each('shell', {
      'helm': 'readOnly',
      'helm repo add x y': 'mutating: helm repo is not known to be read-only',
      'helm repo': 'mutating: helm repo is not known to be read-only',
      'helm "$V" x': 'mutating: helm with a verb the classifier cannot tell',
      'helm --bogus list': 'mutating: helm with a verb the classifier cannot tell',
    });
    assert.deepEqual(classifyStep('shell', 'helm --kube-context prod-eu upgrade api c').reach.contexts, ['prod-eu']);
    assert.deepEqual(classifyStep('shell', 'helm --kube-apiserver https://x upgrade api c').reach.unknown, ['--kube-apiserver points it at another cluster or identity']);
    assert.deepEqual(classifyStep('shell', 'helm --kube-token t upgrade api c').reach.unknown, ['--kube-token points it at another cluster or identity']);
  });

  it('the contexts kubectl reaches through each redirecting flag', () => {
    for (const f of ['--kubeconfig', '--server', '-s', '--cluster', '--user', '--token']) {
      assert.deepEqual(classifyStep('shell', `kubectl ${f} v get pods`).reach.unknown, [`${f} points it at another cluster or identity`], f);
    }
  });

  it('curl and wget by method', () => {
    each('shell', {
      'curl http://x': 'readOnly',
      'curl -X GET http://x': 'readOnly',
      'curl -X HEAD http://x': 'readOnly',
      'curl -X OPTIONS http://x': 'readOnly',
      "curl -X 'post' http://x": 'mutating: HTTP POST',
      'curl -X PUT http://x': 'mutating: HTTP PUT',
      'curl -X PURGE http://x': 'mutating: HTTP PURGE is not known to be read-only',
      'curl -I http://x': 'readOnly',
      'curl --head http://x': 'readOnly',
      'curl -G --data-urlencode q=up http://x': 'readOnly',
      'curl --get -d q=up http://x': 'readOnly',
      'curl --upload-file f http://x': 'mutating: HTTP PUT',
      'curl -Q x ftp://x': 'mutating: curl sending FTP commands',
      'curl --quote x ftp://x': 'mutating: curl sending FTP commands',
      'curl --config f http://x': 'mutating: curl reading its options from a file',
      'wget http://x': 'readOnly',
      'wget -O - http://x': 'readOnly',
      'wget --method=DELETE http://x': 'destructive: HTTP DELETE',
      'wget --method GET http://x': 'readOnly',
      'wget --method "$M" http://x': 'mutating: wget with a method from a variable',
      'wget --post-file=f http://x': 'mutating: HTTP POST',
    });
    for (const f of ['--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '-F', '--form', '--form-string']) {
      assert.equal(verdict('shell', `curl ${f} a=b http://x`), 'mutating: HTTP POST', f);
    }
    for (const f of ['-H', '--header', '-o', '--output', '-u', '--user', '-e', '--referer', '-A', '--user-agent', '-b', '--cookie', '-c', '--cookie-jar', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-r', '--range', '--cacert', '--cert', '--key', '-E', '-D', '--dump-header', '-C', '--continue-at', '-Y', '-y', '-z', '-U', '-t', '-P', '--retry', '--resolve', '--url', '--oauth2-bearer', '--aws-sigv4']) {
      assert.equal(verdict('shell', `curl ${f} DELETE http://x`), 'readOnly', `${f} takes DELETE as its value`);
    }
  });

  it('curl: quotes around the method are dropped, quotes inside it are kept; -I/--head wins over a body (curl sends no POST)', () => {
    each('shell', {
      "curl -X \"'DELETE'\" http://x": 'destructive: HTTP DELETE',
      'curl -X "GE\'T" http://x': "mutating: HTTP GE'T is not known to be read-only",
      'curl -I -d a=b http://x': 'readOnly',
      "curl --head --json '{}' http://x": 'readOnly',
    });
  });

  it('wget: the word after a flag that takes a value is that value, even one that looks like --method=DELETE', () => {
    for (const f of ['--body-data', '--body-file', '-O', '--output-document', '-o', '--header']) {
      assert.equal(verdict('shell', `wget ${f} --method=DELETE http://x`), 'readOnly', f);
    }
    for (const f of ['--post-data', '--post-file']) assert.equal(verdict('shell', `wget ${f} --method=DELETE http://x`), 'mutating: HTTP POST', f);
  });

  it('psql by the SQL it is given, pg_restore by what it restores', () => {
    each('shell', {
      'psql': 'readOnly',
      'psql -l': 'readOnly',
      'psql -h h -p 5 -U u -d d -v x=1 -P pager=off -o f -L l -F , -R x -T t --set=a=1 --variable=b=2 --pset=p=1 --output=f --log-file=l --field-separator=, --record-separator=x --table-attr=t --host=h --port=5 --username=u --dbname=d -c "SELECT 1"': 'readOnly',
      'psql --command="DROP TABLE t"': 'destructive: DROP',
      'psql --file=x.sql': 'mutating: psql -f runs SQL from a file',
      'psql < x.sql': 'mutating: psql reading SQL from a pipe or file',
      'psql -c "SELECT 1" < x.sql': 'readOnly',
      'psql -c "VACUUM"': 'mutating: SQL VACUUM',
      'psql -c "\\dt"': 'readOnly',
      'psql -c "\\! rm x"': 'mutating: SQL psql \\! is not known to be read-only',
      'pg_restore -f out.sql backup.dump': 'readOnly',
      'pg_restore --list backup.dump': 'readOnly',
      'pg_restore -c -d phoenix backup.dump': 'destructive: database drop/restore over existing data',
      'pg_restore --dbname=phoenix -j 2 -n public -t tasks -h h -p 5 -U u backup.dump': 'mutating: pg_restore',
    });
  });

  it('pg_restore: -l/--list only lists, even with a database; the word after a flag that takes a value is that value, even --list', () => {
    each('shell', {
      'pg_restore -l -d phoenix backup.dump': 'readOnly',
      'pg_restore --list -c -d phoenix backup.dump': 'readOnly',
      'pg_restore -hlocalhost -d phoenix backup.dump': 'mutating: pg_restore', // -h takes the rest of its word: no -l in it
    });
    for (const f of ['-h', '--host', '-p', '--port', '-U', '--username', '-f', '--file', '-n', '--schema', '-t', '--table', '-j', '--jobs']) {
      assert.equal(verdict('shell', `pg_restore ${f} --list -d phoenix backup.dump`), 'mutating: pg_restore', f);
    }
  });

  it('redis-cli by command', () => {
    const reads = ['GET', 'MGET', 'EXISTS', 'TTL', 'PTTL', 'TYPE', 'KEYS', 'SCAN', 'HGET', 'HMGET', 'HGETALL', 'HKEYS', 'HVALS', 'HLEN', 'HEXISTS', 'HSCAN', 'LLEN', 'LRANGE', 'LINDEX', 'SCARD', 'SMEMBERS', 'SISMEMBER', 'SSCAN', 'ZCARD', 'ZRANGE', 'ZSCORE', 'ZRANK', 'ZSCAN', 'ZCOUNT', 'STRLEN', 'INFO', 'PING', 'DBSIZE', 'TIME', 'XLEN', 'XRANGE', 'XINFO', 'ECHO', 'ROLE', 'LASTSAVE'];
    for (const c of reads) assert.equal(verdict('shell', `redis-cli ${c.toLowerCase()} k`), 'readOnly', c);
    for (const [c, subs] of Object.entries({ CONFIG: ['GET'], CLIENT: ['LIST', 'INFO', 'GETNAME', 'ID'], SLOWLOG: ['GET', 'LEN'], MEMORY: ['USAGE', 'STATS', 'DOCTOR'], LATENCY: ['LATEST', 'HISTORY', 'DOCTOR'] })) {
      for (const sub of subs) assert.equal(verdict('shell', `redis-cli ${c} ${sub}`), 'readOnly', `${c} ${sub}`);
      assert.equal(verdict('shell', `redis-cli ${c} RESET`), `mutating: redis-cli ${c}`, `${c} RESET`);
      assert.equal(verdict('shell', `redis-cli ${c}`), `mutating: redis-cli ${c}`, `${c} alone`);
    }
    each('shell', {
      'redis-cli DEL k': 'destructive: redis-cli DEL',
      'redis-cli unlink k': 'destructive: redis-cli UNLINK',
      'redis-cli -h h -p 1 -a p -n 0 -u u --user x --pass y -s sock -r 1 -i 1 -d , --tls-cert c --tls-key k --cacert ca GET k': 'readOnly',
      'redis-cli --scan': 'readOnly',
      'redis-cli --bigkeys': 'readOnly',
      'redis-cli --memkeys': 'readOnly',
      'redis-cli --stat': 'readOnly',
      'redis-cli --latency': 'readOnly',
      'redis-cli --raw --no-raw -c --tls -e --no-auth-warning GET k': 'readOnly',
      'redis-cli --bogus GET k': 'mutating: redis-cli with a command the classifier cannot tell',
      'redis-cli "$C" k': 'mutating: redis-cli with a command the classifier cannot tell',
    });
  });

  it('redis-cli: its modes take no value (the next word is the command), and after the command a word like a flag is an argument', () => {
    for (const f of ['--scan', '--bigkeys', '--memkeys', '--stat', '--latency']) assert.equal(verdict('shell', `redis-cli ${f} GET k`), 'readOnly', f);
    each('shell', {
      'redis-cli GET -lock': 'readOnly',
      'redis-cli DEL -lock': 'destructive: redis-cli DEL',
      "redis-cli --scan --pattern 'user:*'": 'readOnly',
      "redis-cli --scan --quoted-pattern 'user:\\x00*' --count 100": 'readOnly',
    });
  });
});

describe('step safety vocabulary: SQL', () => {
  it('statements by their first word', () => {
    for (const w of ['INSERT INTO t VALUES (1)', 'MERGE INTO t USING s ON true WHEN MATCHED THEN DO NOTHING', 'ALTER TABLE t ADD x int', 'CREATE INDEX i ON t (x)', 'GRANT SELECT ON t TO r', 'REVOKE SELECT ON t FROM r', 'VACUUM', 'REINDEX TABLE t', 'CLUSTER t', 'COPY t FROM STDIN', 'CALL p()', 'DO $$ BEGIN END $$', 'REFRESH MATERIALIZED VIEW v', 'COMMENT ON TABLE t IS \'x\'', 'SECURITY LABEL ON TABLE t IS \'x\'', 'LOCK TABLE t', 'IMPORT FOREIGN SCHEMA s FROM SERVER x INTO y', 'ANALYZE']) {
      assert.equal(verdict('sql', w), `mutating: ${w.split(' ')[0]}`, w);
    }
    for (const w of ['SELECT 1', 'WITH x AS (SELECT 1) SELECT * FROM x', 'SHOW work_mem', 'EXPLAIN SELECT 1', 'VALUES (1)', 'TABLE t']) assert.equal(verdict('sql', w), 'readOnly', w);
    for (const w of ['DROP TABLE t', 'DROP DATABASE d', 'DROP SCHEMA s', 'DROP INDEX i', 'DROP VIEW v', 'DROP SEQUENCE s', 'DROP FUNCTION f', 'DROP TYPE t', 'DROP ROLE r', 'DROP USER u', 'DROP EXTENSION e', 'DROP MATERIALIZED VIEW v', 'ALTER TABLE t DROP COLUMN c', 'DROP OWNED BY r', 'DROP PROCEDURE p', 'DROP TRIGGER x ON t', 'DROP POLICY p ON t']) {
      assert.equal(verdict('sql', w), 'destructive: DROP', w);
    }
    assert.equal(verdict('sql', 'ALTER TABLE t ALTER c DROP DEFAULT'), 'mutating: ALTER');
  });

  it('session settings a read may change, and those it may not', () => {
    for (const k of ['statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'search_path', 'TimeZone', 'work_mem', 'application_name', 'DateStyle', 'IntervalStyle', 'extra_float_digits', 'client_min_messages', 'jit', 'enable_seqscan', 'enable_indexscan', 'random_page_cost', 'bytea_output']) {
      assert.equal(verdict('sql', `SET ${k} = 1`), 'readOnly', k);
      assert.equal(verdict('sql', `SET SESSION ${k} = 1`), 'readOnly', `SESSION ${k}`);
      assert.equal(verdict('sql', `SET LOCAL ${k} = 1`), 'readOnly', `LOCAL ${k}`);
      assert.equal(verdict('sql', `RESET ${k}`), 'readOnly', `RESET ${k}`);
    }
    each('sql', { 'SET TIME ZONE UTC': 'readOnly', 'RESET ALL': 'mutating: RESET ALL', 'SET': 'mutating: SET', 'SET SESSION AUTHORIZATION x': 'mutating: SET AUTHORIZATION' });
  });

  it('functions that act beyond the query, and writes where no statement starts', () => {
    for (const f of ['dblink', 'dblink_exec', 'dblink_send_query', 'lo_export', 'lo_import', 'lo_unlink', 'pg_notify', 'pg_reload_conf', 'pg_rotate_logfile', 'pg_promote', 'pg_switch_wal', 'pg_create_restore_point', 'pg_file_write', 'set_config', 'pg_advisory_lock', 'pg_wal_replay_pause']) {
      assert.equal(verdict('sql', `SELECT ${f}(1)`), `mutating: ${f}()`, f);
      assert.equal(verdict('sql', `SELECT 1 AS ${f}`), 'readOnly', `${f} as a name`);
    }
    each('sql', {
      'SELECT pg_terminate_backend AS x': 'readOnly',
      'CREATE TABLE t (a int REFERENCES u ON DELETE CASCADE ON UPDATE SET NULL)': 'mutating: CREATE',
      'CREATE TRIGGER x BEFORE UPDATE OR DELETE OF c ON t EXECUTE FUNCTION f()': 'mutating: CREATE',
      'CREATE RULE r AS ON DELETE TO t DO INSTEAD DELETE FROM u WHERE true': 'mutating: CREATE',
      'GRANT UPDATE, DELETE ON t TO r': 'mutating: GRANT',
      'SELECT * FROM t FOR NO KEY UPDATE': 'mutating: row locks (FOR UPDATE/SHARE)',
      'SELECT * FROM t FOR SHARE': 'mutating: row locks (FOR UPDATE/SHARE)',
      'SELECT * FROM t FOR KEY SHARE': 'mutating: row locks (FOR UPDATE/SHARE)',
      'INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2': 'mutating: INSERT',
      'WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x': 'mutating: INSERT',
      'WITH x AS (MERGE INTO t USING s ON true WHEN MATCHED THEN DO NOTHING) SELECT 1': 'mutating: MERGE',
      'SELECT (SELECT 1) INTO x': 'mutating: SELECT INTO',
      'SELECT a FROM (SELECT 1 INTO y) z': 'readOnly',
      'DELETE FROM t WHERE a IN (SELECT b FROM u)': 'mutating: DELETE',
      'DELETE FROM t WHERE (SELECT 1) = 1; UPDATE t SET a = 1': 'destructive: UPDATE without WHERE',
      '/* a /* nested */ still comment DROP TABLE t */ SELECT 1': 'readOnly',
      '/* unterminated': 'mutating: an unterminated string or comment',
      "SELECT E'unterminated": 'mutating: an unterminated string or comment',
      'SELECT "unterminated': 'mutating: an unterminated string or comment',
      'SELECT $x$ unterminated': 'mutating: an unterminated string or comment',
      'SELECT $1, $2 FROM t WHERE a = 1.5e3': 'readOnly',
      'SELECT $ 1': 'readOnly',
      '\\x\n\\timing\nSELECT 1': 'readOnly',
      'SELECT 1; \\gexec': 'mutating: psql \\gexec is not known to be read-only',
      '\\i other.sql': 'mutating: psql \\i is not known to be read-only',
      '\\': 'mutating: \\ is not known to be read-only',
      ';;': 'readOnly',
      'SELECT "DROP" FROM t': 'readOnly',
      'SELECT café FROM t': 'readOnly',
    });
  });
});
