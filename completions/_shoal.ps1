
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'shoal' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'shoal'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'shoal' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Create, join, or leave a cluster; print join tokens; rotate the gossip key')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Manage the nodes of the cluster')
            [CompletionResult]::new('network', 'network', [CompletionResultType]::ParameterValue, 'Manage overlay networks')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Manage services')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Stream cluster events as they happen')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a running task')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Watch and steer the cluster in a live terminal dashboard')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run the node agent (the daemon on every host) in the foreground')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Serve HTTP answers saying which task, host and addresses answered (a test backend)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: named endpoints the CLI talks to')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a cluster of hosts in network namespaces on this machine')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Show the shoal version information')
            [CompletionResult]::new('system', 'system', [CompletionResultType]::ParameterValue, 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)')
            [CompletionResult]::new('task-shim', 'task-shim', [CompletionResultType]::ParameterValue, 'The parent of one task''s process (started by the agent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;cluster' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new cluster with this node as its first manager')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Join a cluster as a worker or manager, with a token from `cluster join-token`')
            [CompletionResult]::new('join-token', 'join-token', [CompletionResultType]::ParameterValue, 'Print (or rotate) the token that lets a node join as a worker or a manager')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave the cluster')
            [CompletionResult]::new('rotate-gossip-key', 'rotate-gossip-key', [CompletionResultType]::ParameterValue, 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;cluster;init' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where a newly started agent keeps its state (only used when no agent is running)')
            [CompletionResult]::new('--advertise-addr', '--advertise-addr', [CompletionResultType]::ParameterName, 'Address this node advertises to the others (default: its only non-loopback IPv4)')
            [CompletionResult]::new('--listen-addr', '--listen-addr', [CompletionResultType]::ParameterName, 'Where a manager listens for the cluster API')
            [CompletionResult]::new('--data-path-port', '--data-path-port', [CompletionResultType]::ParameterName, 'UDP port of the overlay networks'' VXLAN traffic on every node (1024-49151)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;cluster;join' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The join token (SHTKN-1-...)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where a newly started agent keeps its state (only used when no agent is running)')
            [CompletionResult]::new('--advertise-addr', '--advertise-addr', [CompletionResultType]::ParameterName, 'Address this node advertises to the others (default: its only non-loopback IPv4)')
            [CompletionResult]::new('--listen-addr', '--listen-addr', [CompletionResultType]::ParameterName, 'Where a manager listens for the cluster API')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;cluster;join-token' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--rotate', '--rotate', [CompletionResultType]::ParameterName, 'Replace the token; the old one stops working at once')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print the token')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print the token')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;cluster;leave' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Leave even if this node is a manager')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Leave even if this node is a manager')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;cluster;rotate-gossip-key' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;cluster;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new cluster with this node as its first manager')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Join a cluster as a worker or manager, with a token from `cluster join-token`')
            [CompletionResult]::new('join-token', 'join-token', [CompletionResultType]::ParameterValue, 'Print (or rotate) the token that lets a node join as a worker or a manager')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave the cluster')
            [CompletionResult]::new('rotate-gossip-key', 'rotate-gossip-key', [CompletionResultType]::ParameterValue, 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;cluster;help;init' {
            break
        }
        'shoal;cluster;help;join' {
            break
        }
        'shoal;cluster;help;join-token' {
            break
        }
        'shoal;cluster;help;leave' {
            break
        }
        'shoal;cluster;help;rotate-gossip-key' {
            break
        }
        'shoal;cluster;help;help' {
            break
        }
        'shoal;node' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List nodes in the cluster')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List nodes in the cluster')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more nodes as JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a node''s availability')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more nodes from the cluster')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more nodes from the cluster')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install, start and join agents on hosts over SSH')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;node;ls' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Hostname}} {{.Status}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print node IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print node IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Hostname}} {{.Status}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print node IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print node IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;inspect' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Print in a human-friendly format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;update' {
            [CompletionResult]::new('--availability', '--availability', [CompletionResultType]::ParameterName, 'Availability of the node')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;remove' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;add' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Private key to log in with (the ssh-agent''s keys are tried too)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Private key to log in with (the ssh-agent''s keys are tried too)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'SSH port (default: the ssh config''s Port, else 22)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'SSH port (default: the ssh config''s Port, else 22)')
            [CompletionResult]::new('--ssh-config', '--ssh-config', [CompletionResultType]::ParameterName, 'ssh config to read instead of ~/.ssh/config (Host, HostName, User, Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile, ConnectTimeout)')
            [CompletionResult]::new('--remote-path', '--remote-path', [CompletionResultType]::ParameterName, 'Where the binary goes on the host')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The agent''s data dir on the host')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The agent''s API socket on the host')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, 'The systemd unit to install')
            [CompletionResult]::new('--supervisor', '--supervisor', [CompletionResultType]::ParameterName, 'How the agent is kept running on the host')
            [CompletionResult]::new('--node-name', '--node-name', [CompletionResultType]::ParameterName, 'The node''s name (default: the host''s hostname). In this and the paths above, %n is the host as given and %h its address')
            [CompletionResult]::new('--advertise-addr', '--advertise-addr', [CompletionResultType]::ParameterName, 'Address the node advertises (default: its only non-loopback IPv4)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'Join as a manager (default: as a worker)')
            [CompletionResult]::new('--sudo', '--sudo', [CompletionResultType]::ParameterName, 'Run as root through `sudo -n` when the login user is not root')
            [CompletionResult]::new('--accept-new-host-key', '--accept-new-host-key', [CompletionResultType]::ParameterName, 'Record the key of a host that known_hosts does not list yet (like StrictHostKeyChecking=accept-new); a changed key is always refused')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;node;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List nodes in the cluster')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more nodes as JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a node''s availability')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more nodes from the cluster')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install, start and join agents on hosts over SSH')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;node;help;ls' {
            break
        }
        'shoal;node;help;inspect' {
            break
        }
        'shoal;node;help;update' {
            break
        }
        'shoal;node;help;rm' {
            break
        }
        'shoal;node;help;add' {
            break
        }
        'shoal;node;help;help' {
            break
        }
        'shoal;network' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an overlay network')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List networks')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List networks')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more networks as JSON')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more networks')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more networks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;network;create' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Driver to manage the network')
            [CompletionResult]::new('--driver', '--driver', [CompletionResultType]::ParameterName, 'Driver to manage the network')
            [CompletionResult]::new('--subnet', '--subnet', [CompletionResultType]::ParameterName, 'Subnet in CIDR format (default: a free /24 from 10.0.0.0/8)')
            [CompletionResult]::new('--gateway', '--gateway', [CompletionResultType]::ParameterName, 'Gateway for the subnet (default: its first address)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Driver option (KEY=VALUE)')
            [CompletionResult]::new('--opt', '--opt', [CompletionResultType]::ParameterName, 'Driver option (KEY=VALUE)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Metadata (KEY=VALUE)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--attachable', '--attachable', [CompletionResultType]::ParameterName, 'Let tasks outside services attach to it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;ls' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Filter: name=, driver=, label=KEY or label=KEY=VALUE')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Filter: name=, driver=, label=KEY or label=KEY=VALUE')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.ID}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print network IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print network IDs')
            [CompletionResult]::new('--no-trunc', '--no-trunc', [CompletionResultType]::ParameterName, 'Do not truncate IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Filter: name=, driver=, label=KEY or label=KEY=VALUE')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Filter: name=, driver=, label=KEY or label=KEY=VALUE')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.ID}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print network IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print network IDs')
            [CompletionResult]::new('--no-trunc', '--no-trunc', [CompletionResultType]::ParameterName, 'Do not truncate IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;inspect' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Also show the services on the network and their tasks'' endpoints')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Also show the services on the network and their tasks'' endpoints')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;remove' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;network;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an overlay network')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List networks')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more networks as JSON')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more networks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;network;help;create' {
            break
        }
        'shoal;network;help;ls' {
            break
        }
        'shoal;network;help;inspect' {
            break
        }
        'shoal;network;help;rm' {
            break
        }
        'shoal;network;help;help' {
            break
        }
        'shoal;service' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service that runs COMMAND as its tasks')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List the tasks of one or more services')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more services as JSON')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale one or more replicated services (SERVICE=REPLICAS)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update a service')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more services')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more services')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Fetch the logs of a service or task')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;service;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Service name (a DNS label: letters, digits, ''-'')')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of tasks')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Service mode')
            [CompletionResult]::new('--network', '--network', [CompletionResultType]::ParameterName, 'Network to attach to (name or ID), or name=NET,alias=ALIAS[,alias=...] to give the service more names on it; repeat for several')
            [CompletionResult]::new('--endpoint-mode', '--endpoint-mode', [CompletionResultType]::ParameterName, 'How clients reach the tasks: a virtual IP, or DNS round-robin')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment variable (KEY=VALUE)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment variable (KEY=VALUE)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Service label (KEY=VALUE)')
            [CompletionResult]::new('--restart-condition', '--restart-condition', [CompletionResultType]::ParameterName, 'When to restart a task that ended (new services: any)')
            [CompletionResult]::new('--restart-delay', '--restart-delay', [CompletionResultType]::ParameterName, 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)')
            [CompletionResult]::new('--restart-max-attempts', '--restart-max-attempts', [CompletionResultType]::ParameterName, 'Maximum number of restarts before giving up (new services: 0, unlimited)')
            [CompletionResult]::new('--restart-window', '--restart-window', [CompletionResultType]::ParameterName, 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)')
            [CompletionResult]::new('--stop-grace-period', '--stop-grace-period', [CompletionResultType]::ParameterName, 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Return at once instead of waiting for the service to converge')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return at once instead of waiting for the service to converge')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.Replicas}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print service IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print service IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.Replicas}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print service IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print service IDs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;ps' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print task IDs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print task IDs')
            [CompletionResult]::new('--no-trunc', '--no-trunc', [CompletionResultType]::ParameterName, 'Do not truncate IDs and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;inspect' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Format output with a Go template (e.g. ''{{json .Endpoint.VirtualIPs}}'')')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output with a Go template (e.g. ''{{json .Endpoint.VirtualIPs}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--pretty', '--pretty', [CompletionResultType]::ParameterName, 'Print in a human-friendly format')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;scale' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Return at once')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return at once')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;update' {
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of tasks')
            [CompletionResult]::new('--env-add', '--env-add', [CompletionResultType]::ParameterName, 'Add or change an environment variable (KEY=VALUE)')
            [CompletionResult]::new('--env-rm', '--env-rm', [CompletionResultType]::ParameterName, 'Remove an environment variable')
            [CompletionResult]::new('--args', '--args', [CompletionResultType]::ParameterName, 'New arguments for the command (one string, split on spaces)')
            [CompletionResult]::new('--restart-condition', '--restart-condition', [CompletionResultType]::ParameterName, 'When to restart a task that ended (new services: any)')
            [CompletionResult]::new('--restart-delay', '--restart-delay', [CompletionResultType]::ParameterName, 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)')
            [CompletionResult]::new('--restart-max-attempts', '--restart-max-attempts', [CompletionResultType]::ParameterName, 'Maximum number of restarts before giving up (new services: 0, unlimited)')
            [CompletionResult]::new('--restart-window', '--restart-window', [CompletionResultType]::ParameterName, 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)')
            [CompletionResult]::new('--stop-grace-period', '--stop-grace-period', [CompletionResultType]::ParameterName, 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Return at once')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return at once')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;remove' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of lines to show from the end of each task''s log')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Number of lines to show from the end of each task''s log')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Follow log output: new lines, and tasks that start later')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow log output: new lines, and tasks that start later')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Show timestamps')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Show timestamps')
            [CompletionResult]::new('--no-task-ids', '--no-task-ids', [CompletionResultType]::ParameterName, 'Do not include task IDs in the output')
            [CompletionResult]::new('--no-trunc', '--no-trunc', [CompletionResultType]::ParameterName, 'Do not truncate task IDs')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Do not prefix lines with their task and node')
            [CompletionResult]::new('--no-resolve', '--no-resolve', [CompletionResultType]::ParameterName, 'Show node IDs instead of node names')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;service;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service that runs COMMAND as its tasks')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List the tasks of one or more services')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more services as JSON')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale one or more replicated services (SERVICE=REPLICAS)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update a service')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more services')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Fetch the logs of a service or task')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;service;help;create' {
            break
        }
        'shoal;service;help;ls' {
            break
        }
        'shoal;service;help;ps' {
            break
        }
        'shoal;service;help;inspect' {
            break
        }
        'shoal;service;help;scale' {
            break
        }
        'shoal;service;help;update' {
            break
        }
        'shoal;service;help;rm' {
            break
        }
        'shoal;service;help;logs' {
            break
        }
        'shoal;service;help;help' {
            break
        }
        'shoal;events' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format each event with a Go template, or `json`')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;exec' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Keep STDIN open and send it to the command')
            [CompletionResult]::new('--interactive', '--interactive', [CompletionResultType]::ParameterName, 'Keep STDIN open and send it to the command')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Allocate a pseudo-terminal')
            [CompletionResult]::new('--tty', '--tty', [CompletionResultType]::ParameterName, 'Allocate a pseudo-terminal')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;dashboard' {
            [CompletionResult]::new('--log-file', '--log-file', [CompletionResultType]::ParameterName, 'Where to log [default: $XDG_STATE_HOME/shoal/dashboard.log, else ~/.local/state/shoal/dashboard.log]')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'The view to open on')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;agent' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the agent keeps its state')
            [CompletionResult]::new('--socket', '--socket', [CompletionResultType]::ParameterName, 'The local API socket')
            [CompletionResult]::new('--advertise-addr', '--advertise-addr', [CompletionResultType]::ParameterName, 'Address this node advertises to the others (default: its only non-loopback IPv4)')
            [CompletionResult]::new('--listen-addr', '--listen-addr', [CompletionResultType]::ParameterName, 'Where a manager listens for the cluster API')
            [CompletionResult]::new('--node-name', '--node-name', [CompletionResultType]::ParameterName, 'This node''s name in the cluster (default: the host name)')
            [CompletionResult]::new('--gossip-port', '--gossip-port', [CompletionResultType]::ParameterName, 'UDP port for gossip with the other nodes (recorded when the node joins)')
            [CompletionResult]::new('--dns-upstream', '--dns-upstream', [CompletionResultType]::ParameterName, 'Where tasks'' DNS (127.0.0.11) forwards names outside the cluster, repeatable (default: the host''s resolv.conf nameservers, loopback ones left out)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;whoami' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one)')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one)')
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--get', '--get', [CompletionResultType]::ParameterName, 'Be the client instead: GET URL (http://HOST[:PORT][/PATH]), print the answer''s body, and fail unless it is a 2xx (for hosts without curl)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a context')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more contexts')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more contexts')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more contexts as JSON (the current one by default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the name of the current context')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;context;ls' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}}\t{{.Endpoint}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print context names')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print context names')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Name}}\t{{.Endpoint}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print context names')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print context names')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;create' {
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Manager API: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A description shown by `context ls`')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;use' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;rm' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Remove the current context too (`default` becomes current)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove the current context too (`default` becomes current)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;remove' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Remove the current context too (`default` becomes current)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove the current context too (`default` becomes current)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;inspect' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output with a Go template')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;context;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a context')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more contexts')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more contexts as JSON (the current one by default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the name of the current context')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;context;help;ls' {
            break
        }
        'shoal;context;help;create' {
            break
        }
        'shoal;context;help;use' {
            break
        }
        'shoal;context;help;rm' {
            break
        }
        'shoal;context;help;inspect' {
            break
        }
        'shoal;context;help;show' {
            break
        }
        'shoal;context;help;help' {
            break
        }
        'shoal;lab' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create a lab: N hosts as network namespaces on one underlay bridge')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a lab and everything it made (also after a crash or a half-finished up)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the hosts of a lab')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a lab host''s network namespace')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the agent of a lab host (to watch the cluster notice)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the agent of a lab host again')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;lab;up' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of hosts (1 to 32)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Number of hosts (1 to 32)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures')
            [CompletionResult]::new('--managers', '--managers', [CompletionResultType]::ParameterName, 'How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures')
            [CompletionResult]::new('--data-path-port', '--data-path-port', [CompletionResultType]::ParameterName, 'UDP port of the cluster''s VXLAN traffic (`cluster init --data-path-port`)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--bare', '--bare', [CompletionResultType]::ParameterName, 'Only the namespaces: start no agents and form no cluster')
            [CompletionResult]::new('--ssh', '--ssh', [CompletionResultType]::ParameterName, 'Run OpenSSH''s sshd in every host and add nodes 2..N with `shoal node add` (the real SSH bootstrap); with --bare, only the sshds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;down' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format output: table, json, or a Go template (e.g. ''{{.Node}} {{.Address}}'')')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;exec' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;stop' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--kill', '--kill', [CompletionResultType]::ParameterName, 'Kill it with SIGKILL, like a crash, instead of a clean SIGTERM')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;start' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;demo' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Leave my-network, my-web and my-client in place at the end (also after a failure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;lab;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create a lab: N hosts as network namespaces on one underlay bridge')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a lab and everything it made (also after a crash or a half-finished up)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the hosts of a lab')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a lab host''s network namespace')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the agent of a lab host (to watch the cluster notice)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the agent of a lab host again')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;lab;help;up' {
            break
        }
        'shoal;lab;help;down' {
            break
        }
        'shoal;lab;help;status' {
            break
        }
        'shoal;lab;help;exec' {
            break
        }
        'shoal;lab;help;stop' {
            break
        }
        'shoal;lab;help;start' {
            break
        }
        'shoal;lab;help;demo' {
            break
        }
        'shoal;lab;help;help' {
            break
        }
        'shoal;completion' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;version' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;system' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dial-stdio', 'dial-stdio', [CompletionResultType]::ParameterValue, 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;system;dial-stdio' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;system;cleanup' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The stopped agent''s data dir')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;system;help' {
            [CompletionResult]::new('dial-stdio', 'dial-stdio', [CompletionResultType]::ParameterValue, 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;system;help;dial-stdio' {
            break
        }
        'shoal;system;help;cleanup' {
            break
        }
        'shoal;system;help;help' {
            break
        }
        'shoal;task-shim' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The task''s directory')
            [CompletionResult]::new('--exe', '--exe', [CompletionResultType]::ParameterName, 'The program to run (resolved by the agent)')
            [CompletionResult]::new('--log-cap', '--log-cap', [CompletionResultType]::ParameterName, 'Rotate the log past this many bytes')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Context to use (see `shoal context ls`); overrides the current context')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context')
            [CompletionResult]::new('--log-level', '--log-level', [CompletionResultType]::ParameterName, 'How much to log on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'shoal;help' {
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Create, join, or leave a cluster; print join tokens; rotate the gossip key')
            [CompletionResult]::new('node', 'node', [CompletionResultType]::ParameterValue, 'Manage the nodes of the cluster')
            [CompletionResult]::new('network', 'network', [CompletionResultType]::ParameterValue, 'Manage overlay networks')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Manage services')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Stream cluster events as they happen')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a running task')
            [CompletionResult]::new('dashboard', 'dashboard', [CompletionResultType]::ParameterValue, 'Watch and steer the cluster in a live terminal dashboard')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Run the node agent (the daemon on every host) in the foreground')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Serve HTTP answers saying which task, host and addresses answered (a test backend)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: named endpoints the CLI talks to')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a cluster of hosts in network namespaces on this machine')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Show the shoal version information')
            [CompletionResult]::new('system', 'system', [CompletionResultType]::ParameterValue, 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)')
            [CompletionResult]::new('task-shim', 'task-shim', [CompletionResultType]::ParameterValue, 'The parent of one task''s process (started by the agent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;help;cluster' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new cluster with this node as its first manager')
            [CompletionResult]::new('join', 'join', [CompletionResultType]::ParameterValue, 'Join a cluster as a worker or manager, with a token from `cluster join-token`')
            [CompletionResult]::new('join-token', 'join-token', [CompletionResultType]::ParameterValue, 'Print (or rotate) the token that lets a node join as a worker or a manager')
            [CompletionResult]::new('leave', 'leave', [CompletionResultType]::ParameterValue, 'Leave the cluster')
            [CompletionResult]::new('rotate-gossip-key', 'rotate-gossip-key', [CompletionResultType]::ParameterValue, 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation')
            break
        }
        'shoal;help;cluster;init' {
            break
        }
        'shoal;help;cluster;join' {
            break
        }
        'shoal;help;cluster;join-token' {
            break
        }
        'shoal;help;cluster;leave' {
            break
        }
        'shoal;help;cluster;rotate-gossip-key' {
            break
        }
        'shoal;help;node' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List nodes in the cluster')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more nodes as JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a node''s availability')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more nodes from the cluster')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Install, start and join agents on hosts over SSH')
            break
        }
        'shoal;help;node;ls' {
            break
        }
        'shoal;help;node;inspect' {
            break
        }
        'shoal;help;node;update' {
            break
        }
        'shoal;help;node;rm' {
            break
        }
        'shoal;help;node;add' {
            break
        }
        'shoal;help;network' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an overlay network')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List networks')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more networks as JSON')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more networks')
            break
        }
        'shoal;help;network;create' {
            break
        }
        'shoal;help;network;ls' {
            break
        }
        'shoal;help;network;inspect' {
            break
        }
        'shoal;help;network;rm' {
            break
        }
        'shoal;help;service' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service that runs COMMAND as its tasks')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List the tasks of one or more services')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more services as JSON')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Scale one or more replicated services (SERVICE=REPLICAS)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Update a service')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more services')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Fetch the logs of a service or task')
            break
        }
        'shoal;help;service;create' {
            break
        }
        'shoal;help;service;ls' {
            break
        }
        'shoal;help;service;ps' {
            break
        }
        'shoal;help;service;inspect' {
            break
        }
        'shoal;help;service;scale' {
            break
        }
        'shoal;help;service;update' {
            break
        }
        'shoal;help;service;rm' {
            break
        }
        'shoal;help;service;logs' {
            break
        }
        'shoal;help;events' {
            break
        }
        'shoal;help;exec' {
            break
        }
        'shoal;help;dashboard' {
            break
        }
        'shoal;help;agent' {
            break
        }
        'shoal;help;whoami' {
            break
        }
        'shoal;help;context' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List contexts; the current one is marked with *')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a context')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one or more contexts')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Show one or more contexts as JSON (the current one by default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the name of the current context')
            break
        }
        'shoal;help;context;ls' {
            break
        }
        'shoal;help;context;create' {
            break
        }
        'shoal;help;context;use' {
            break
        }
        'shoal;help;context;rm' {
            break
        }
        'shoal;help;context;inspect' {
            break
        }
        'shoal;help;context;show' {
            break
        }
        'shoal;help;lab' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create a lab: N hosts as network namespaces on one underlay bridge')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a lab and everything it made (also after a crash or a half-finished up)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the hosts of a lab')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a lab host''s network namespace')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the agent of a lab host (to watch the cluster notice)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the agent of a lab host again')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client')
            break
        }
        'shoal;help;lab;up' {
            break
        }
        'shoal;help;lab;down' {
            break
        }
        'shoal;help;lab;status' {
            break
        }
        'shoal;help;lab;exec' {
            break
        }
        'shoal;help;lab;stop' {
            break
        }
        'shoal;help;lab;start' {
            break
        }
        'shoal;help;lab;demo' {
            break
        }
        'shoal;help;completion' {
            break
        }
        'shoal;help;version' {
            break
        }
        'shoal;help;system' {
            [CompletionResult]::new('dial-stdio', 'dial-stdio', [CompletionResultType]::ParameterValue, 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)')
            [CompletionResult]::new('cleanup', 'cleanup', [CompletionResultType]::ParameterValue, 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)')
            break
        }
        'shoal;help;system;dial-stdio' {
            break
        }
        'shoal;help;system;cleanup' {
            break
        }
        'shoal;help;task-shim' {
            break
        }
        'shoal;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
