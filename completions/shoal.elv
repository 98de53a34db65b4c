
use builtin;
use str;

set edit:completion:arg-completer[shoal] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'shoal'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'shoal'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand context 'Manage contexts: named endpoints the CLI talks to'
            cand lab 'Run a cluster of hosts in network namespaces on this machine'
            cand completion 'Print a shell completion script'
            cand version 'Show the shoal version information'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;context'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List contexts; the current one is marked with *'
            cand list 'List contexts; the current one is marked with *'
            cand create 'Create a context'
            cand use 'Make a context the current one'
            cand rm 'Remove one or more contexts'
            cand remove 'Remove one or more contexts'
            cand inspect 'Show one or more contexts as JSON (the current one by default)'
            cand show 'Print the name of the current context'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;context;ls'= {
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}}\t{{.Endpoint}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print context names'
            cand --quiet 'Only print context names'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;list'= {
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}}\t{{.Endpoint}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print context names'
            cand --quiet 'Only print context names'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;create'= {
            cand --endpoint 'Manager API: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]'
            cand --description 'A description shown by `context ls`'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;use'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;rm'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Remove the current context too (`default` becomes current)'
            cand --force 'Remove the current context too (`default` becomes current)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;remove'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Remove the current context too (`default` becomes current)'
            cand --force 'Remove the current context too (`default` becomes current)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;inspect'= {
            cand -f 'Format output with a Go template'
            cand --format 'Format output with a Go template'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;show'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;context;help'= {
            cand ls 'List contexts; the current one is marked with *'
            cand create 'Create a context'
            cand use 'Make a context the current one'
            cand rm 'Remove one or more contexts'
            cand inspect 'Show one or more contexts as JSON (the current one by default)'
            cand show 'Print the name of the current context'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;context;help;ls'= {
        }
        &'shoal;context;help;create'= {
        }
        &'shoal;context;help;use'= {
        }
        &'shoal;context;help;rm'= {
        }
        &'shoal;context;help;inspect'= {
        }
        &'shoal;context;help;show'= {
        }
        &'shoal;context;help;help'= {
        }
        &'shoal;lab'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Create a lab: N hosts as network namespaces on one underlay bridge'
            cand down 'Remove a lab and everything it made (also after a crash or a half-finished up)'
            cand status 'Show the hosts of a lab'
            cand exec 'Run a command inside a lab host''s network namespace'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;lab;up'= {
            cand -n 'Number of hosts (1 to 32)'
            cand --nodes 'Number of hosts (1 to 32)'
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;lab;down'= {
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;lab;status'= {
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Node}} {{.Address}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;lab;exec'= {
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;lab;help'= {
            cand up 'Create a lab: N hosts as network namespaces on one underlay bridge'
            cand down 'Remove a lab and everything it made (also after a crash or a half-finished up)'
            cand status 'Show the hosts of a lab'
            cand exec 'Run a command inside a lab host''s network namespace'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;lab;help;up'= {
        }
        &'shoal;lab;help;down'= {
        }
        &'shoal;lab;help;status'= {
        }
        &'shoal;lab;help;exec'= {
        }
        &'shoal;lab;help;help'= {
        }
        &'shoal;completion'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;version'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;help'= {
            cand context 'Manage contexts: named endpoints the CLI talks to'
            cand lab 'Run a cluster of hosts in network namespaces on this machine'
            cand completion 'Print a shell completion script'
            cand version 'Show the shoal version information'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;help;context'= {
            cand ls 'List contexts; the current one is marked with *'
            cand create 'Create a context'
            cand use 'Make a context the current one'
            cand rm 'Remove one or more contexts'
            cand inspect 'Show one or more contexts as JSON (the current one by default)'
            cand show 'Print the name of the current context'
        }
        &'shoal;help;context;ls'= {
        }
        &'shoal;help;context;create'= {
        }
        &'shoal;help;context;use'= {
        }
        &'shoal;help;context;rm'= {
        }
        &'shoal;help;context;inspect'= {
        }
        &'shoal;help;context;show'= {
        }
        &'shoal;help;lab'= {
            cand up 'Create a lab: N hosts as network namespaces on one underlay bridge'
            cand down 'Remove a lab and everything it made (also after a crash or a half-finished up)'
            cand status 'Show the hosts of a lab'
            cand exec 'Run a command inside a lab host''s network namespace'
        }
        &'shoal;help;lab;up'= {
        }
        &'shoal;help;lab;down'= {
        }
        &'shoal;help;lab;status'= {
        }
        &'shoal;help;lab;exec'= {
        }
        &'shoal;help;completion'= {
        }
        &'shoal;help;version'= {
        }
        &'shoal;help;help'= {
        }
    ]
    $completions[$command]
}
