
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
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: named endpoints the CLI talks to')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a cluster of hosts in network namespaces on this machine')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Show the shoal version information')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'shoal;lab;up' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Number of hosts (1 to 32)')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Number of hosts (1 to 32)')
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
        'shoal;lab;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Create a lab: N hosts as network namespaces on one underlay bridge')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Remove a lab and everything it made (also after a crash or a half-finished up)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the hosts of a lab')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command inside a lab host''s network namespace')
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
        'shoal;help' {
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Manage contexts: named endpoints the CLI talks to')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a cluster of hosts in network namespaces on this machine')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Show the shoal version information')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
        'shoal;help;completion' {
            break
        }
        'shoal;help;version' {
            break
        }
        'shoal;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
