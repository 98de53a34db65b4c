# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_shoal_global_optspecs
    string join \n c/context= H/host= log-level= h/help V/version
end

function __fish_shoal_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_shoal_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_shoal_using_subcommand
    set -l cmd (__fish_shoal_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c shoal -n "__fish_shoal_needs_command" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_needs_command" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_needs_command" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c shoal -n "__fish_shoal_needs_command" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "cluster" -d 'Create, join, or leave a cluster; print join tokens; rotate the gossip key'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "node" -d 'Manage the nodes of the cluster'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "network" -d 'Manage overlay networks'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "service" -d 'Manage services'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "events" -d 'Stream cluster events as they happen'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "exec" -d 'Run a command inside a running task'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "dashboard" -d 'Watch and steer the cluster in a live terminal dashboard'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "agent" -d 'Run the node agent (the daemon on every host) in the foreground'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "whoami" -d 'Serve HTTP answers saying which task, host and addresses answered (a test backend)'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "context" -d 'Manage contexts: named endpoints the CLI talks to'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "lab" -d 'Run a cluster of hosts in network namespaces on this machine'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "version" -d 'Show the shoal version information'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "system" -d 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "task-shim" -d 'The parent of one task\'s process (started by the agent)'
complete -c shoal -n "__fish_shoal_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "init" -d 'Create a new cluster with this node as its first manager'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "join" -d 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "join-token" -d 'Print (or rotate) the token that lets a node join as a worker or a manager'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "leave" -d 'Leave the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "rotate-gossip-key" -d 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and not __fish_seen_subcommand_from init join join-token leave rotate-gossip-key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -l data-dir -d 'Where a newly started agent keeps its state (only used when no agent is running)' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -l advertise-addr -d 'Address this node advertises to the others (default: its only non-loopback IPv4)' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -l listen-addr -d 'Where a manager listens for the cluster API' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -l data-path-port -d 'UDP port of the overlay networks\' VXLAN traffic on every node (1024-49151)' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -l token -d 'The join token (SHTKN-1-...)' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -l data-dir -d 'Where a newly started agent keeps its state (only used when no agent is running)' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -l advertise-addr -d 'Address this node advertises to the others (default: its only non-loopback IPv4)' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -l listen-addr -d 'Where a manager listens for the cluster API' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -l rotate -d 'Replace the token; the old one stops working at once'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -s q -l quiet -d 'Only print the token'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from join-token" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -s f -l force -d 'Leave even if this node is a manager'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from leave" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from rotate-gossip-key" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from rotate-gossip-key" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from rotate-gossip-key" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from rotate-gossip-key" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from rotate-gossip-key" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "init" -d 'Create a new cluster with this node as its first manager'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "join" -d 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "join-token" -d 'Print (or rotate) the token that lets a node join as a worker or a manager'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "leave" -d 'Leave the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "rotate-gossip-key" -d 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
complete -c shoal -n "__fish_shoal_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "ls" -d 'List nodes in the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "list" -d 'List nodes in the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "inspect" -d 'Show one or more nodes as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "update" -d 'Change a node\'s availability'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "rm" -d 'Remove one or more nodes from the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "remove" -d 'Remove one or more nodes from the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "add" -d 'Install, start and join agents on hosts over SSH'
complete -c shoal -n "__fish_shoal_using_subcommand node; and not __fish_seen_subcommand_from ls list inspect update rm remove add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Hostname}} {{.Status}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only print node IDs'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Hostname}} {{.Status}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only print node IDs'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print in a human-friendly format'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -l availability -d 'Availability of the node' -r -f -a "active\t''
pause\t''
drain\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s i -l identity -d 'Private key to log in with (the ssh-agent\'s keys are tried too)' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s p -l port -d 'SSH port (default: the ssh config\'s Port, else 22)' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l ssh-config -d 'ssh config to read instead of ~/.ssh/config (Host, HostName, User, Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile, ConnectTimeout)' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l remote-path -d 'Where the binary goes on the host' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l data-dir -d 'The agent\'s data dir on the host' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l socket -d 'The agent\'s API socket on the host' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l unit -d 'The systemd unit to install' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l supervisor -d 'How the agent is kept running on the host' -r -f -a "auto\t'systemd where `/run/systemd/system` exists, else detached'
systemd\t''
detached\t'A detached loop (setsid) that restarts the agent'"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l node-name -d 'The node\'s name (default: the host\'s hostname). In this and the paths above, %n is the host as given and %h its address' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l advertise-addr -d 'Address the node advertises (default: its only non-loopback IPv4)' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l manager -d 'Join as a manager (default: as a worker)'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l sudo -d 'Run as root through `sudo -n` when the login user is not root'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -l accept-new-host-key -d 'Record the key of a host that known_hosts does not list yet (like StrictHostKeyChecking=accept-new); a changed key is always refused'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List nodes in the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show one or more nodes as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a node\'s availability'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more nodes from the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "add" -d 'Install, start and join agents on hosts over SSH'
complete -c shoal -n "__fish_shoal_using_subcommand node; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "create" -d 'Create an overlay network'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "ls" -d 'List networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "list" -d 'List networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "inspect" -d 'Show one or more networks as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "rm" -d 'Remove one or more networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "remove" -d 'Remove one or more networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver to manage the network' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR format (default: a free /24 from 10.0.0.0/8)' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway for the subnet (default: its first address)' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver option (KEY=VALUE)' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Metadata (KEY=VALUE)' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -l attachable -d 'Let tasks outside services attach to it'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, driver=, label=KEY or label=KEY=VALUE' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}} {{.ID}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only print network IDs'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=, driver=, label=KEY or label=KEY=VALUE' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}} {{.ID}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only print network IDs'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s v -l verbose -d 'Also show the services on the network and their tasks\' endpoints'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from rm" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from rm" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from remove" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from remove" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an overlay network'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show one or more networks as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more networks'
complete -c shoal -n "__fish_shoal_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "create" -d 'Create a service that runs COMMAND as its tasks'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "ls" -d 'List services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "list" -d 'List services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "ps" -d 'List the tasks of one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "inspect" -d 'Show one or more services as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "scale" -d 'Scale one or more replicated services (SERVICE=REPLICAS)'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "update" -d 'Update a service'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "rm" -d 'Remove one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "remove" -d 'Remove one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "logs" -d 'Fetch the logs of a service or task'
complete -c shoal -n "__fish_shoal_using_subcommand service; and not __fish_seen_subcommand_from create ls list ps inspect scale update rm remove logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l name -d 'Service name (a DNS label: letters, digits, \'-\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l replicas -d 'Number of tasks' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l mode -d 'Service mode' -r -f -a "replicated\t''
global\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l network -d 'Network to attach to (name or ID), or name=NET,alias=ALIAS[,alias=...] to give the service more names on it; repeat for several' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l endpoint-mode -d 'How clients reach the tasks: a virtual IP, or DNS round-robin' -r -f -a "vip\t''
dnsrr\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s e -l env -d 'Environment variable (KEY=VALUE)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l label -d 'Service label (KEY=VALUE)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l restart-condition -d 'When to restart a task that ended (new services: any)' -r -f -a "any\t''
on-failure\t''
none\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l restart-delay -d 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l restart-max-attempts -d 'Maximum number of restarts before giving up (new services: 0, unlimited)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l restart-window -d 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l stop-grace-period -d 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s d -l detach -d 'Return at once instead of waiting for the service to converge'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}} {{.Replicas}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only print service IDs'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}} {{.Replicas}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only print service IDs'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -l format -d 'Format output: table, json, or a Go template' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Only print task IDs'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate IDs and errors'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template (e.g. \'{{json .Endpoint.VirtualIPs}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print in a human-friendly format'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -s d -l detach -d 'Return at once'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from scale" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l replicas -d 'Number of tasks' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l env-add -d 'Add or change an environment variable (KEY=VALUE)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l env-rm -d 'Remove an environment variable' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l args -d 'New arguments for the command (one string, split on spaces)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l restart-condition -d 'When to restart a task that ended (new services: any)' -r -f -a "any\t''
on-failure\t''
none\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l restart-delay -d 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l restart-max-attempts -d 'Maximum number of restarts before giving up (new services: 0, unlimited)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l restart-window -d 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l stop-grace-period -d 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -s d -l detach -d 'Return at once'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from rm" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from rm" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from remove" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from remove" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Number of lines to show from the end of each task\'s log' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output: new lines, and tasks that start later'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -l no-task-ids -d 'Do not include task IDs in the output'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -l no-trunc -d 'Do not truncate task IDs'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -l raw -d 'Do not prefix lines with their task and node'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -l no-resolve -d 'Show node IDs instead of node names'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a service that runs COMMAND as its tasks'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List the tasks of one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show one or more services as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Scale one or more replicated services (SERVICE=REPLICAS)'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "update" -d 'Update a service'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of a service or task'
complete -c shoal -n "__fish_shoal_using_subcommand service; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand events" -l format -d 'Format each event with a Go template, or `json`' -r
complete -c shoal -n "__fish_shoal_using_subcommand events" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand events" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand events" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand events" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand events" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand exec" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open and send it to the command'
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand exec" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -l log-file -d 'Where to log [default: $XDG_STATE_HOME/shoal/dashboard.log, else ~/.local/state/shoal/dashboard.log]' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -l view -d 'The view to open on' -r -f -a "services\t''
tasks\t''
nodes\t''
networks\t''"
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l data-dir -d 'Where the agent keeps its state' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l socket -d 'The local API socket' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l advertise-addr -d 'Address this node advertises to the others (default: its only non-loopback IPv4)' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l listen-addr -d 'Where a manager listens for the cluster API' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l node-name -d 'This node\'s name in the cluster (default: the host name)' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l gossip-port -d 'UDP port for gossip with the other nodes (recorded when the node joins)' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l dns-upstream -d 'Where tasks\' DNS (127.0.0.11) forwards names outside the cluster, repeatable (default: the host\'s resolv.conf nameservers, loopback ones left out)' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand agent" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand agent" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand agent" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -s p -l port -d 'Port to listen on (0 picks a free one)' -r
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -l bind -d 'Address to listen on' -r
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -l get -d 'Be the client instead: GET URL (http://HOST[:PORT][/PATH]), print the answer\'s body, and fail unless it is a 2xx (for hosts without curl)' -r
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "ls" -d 'List contexts; the current one is marked with *'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "list" -d 'List contexts; the current one is marked with *'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "create" -d 'Create a context'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "use" -d 'Make a context the current one'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "rm" -d 'Remove one or more contexts'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "remove" -d 'Remove one or more contexts'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "inspect" -d 'Show one or more contexts as JSON (the current one by default)'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "show" -d 'Print the name of the current context'
complete -c shoal -n "__fish_shoal_using_subcommand context; and not __fish_seen_subcommand_from ls list create use rm remove inspect show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}}\\t{{.Endpoint}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Only print context names'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Name}}\\t{{.Endpoint}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only print context names'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -l endpoint -d 'Manager API: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -l description -d 'A description shown by `context ls`' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from use" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from use" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from use" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the current context too (`default` becomes current)'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the current context too (`default` becomes current)'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format output with a Go template' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from show" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from show" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from show" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List contexts; the current one is marked with *'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a context'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a context the current one'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more contexts'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show one or more contexts as JSON (the current one by default)'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the name of the current context'
complete -c shoal -n "__fish_shoal_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "up" -d 'Create a lab: N hosts as network namespaces on one underlay bridge'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "down" -d 'Remove a lab and everything it made (also after a crash or a half-finished up)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "status" -d 'Show the hosts of a lab'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "exec" -d 'Run a command inside a lab host\'s network namespace'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "stop" -d 'Stop the agent of a lab host (to watch the cluster notice)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "start" -d 'Start the agent of a lab host again'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "demo" -d 'Walk through Docker\'s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and not __fish_seen_subcommand_from up down status exec stop start demo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s n -l nodes -d 'Number of hosts (1 to 32)' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s m -l managers -d 'How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -l data-path-port -d 'UDP port of the cluster\'s VXLAN traffic (`cluster init --data-path-port`)' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -l bare -d 'Only the namespaces: start no agents and form no cluster'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -l ssh -d 'Run OpenSSH\'s sshd in every host and add nodes 2..N with `shoal node add` (the real SSH bootstrap); with --bare, only the sshds'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -l format -d 'Format output: table, json, or a Go template (e.g. \'{{.Node}} {{.Address}}\')' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -l kill -d 'Kill it with SIGKILL, like a crash, instead of a clean SIGTERM'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -l name -d 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -l keep -d 'Leave my-network, my-web and my-client in place at the end (also after a failure)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from demo" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Create a lab: N hosts as network namespaces on one underlay bridge'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove a lab and everything it made (also after a crash or a half-finished up)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the hosts of a lab'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command inside a lab host\'s network namespace'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the agent of a lab host (to watch the cluster notice)'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the agent of a lab host again'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "demo" -d 'Walk through Docker\'s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
complete -c shoal -n "__fish_shoal_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand completion" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand completion" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand completion" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand completion" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand completion" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand version" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand version" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand version" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand version" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand version" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -f -a "dial-stdio" -d 'Connect stdin and stdout to the local agent\'s API socket (run by ssh:// endpoints)'
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -f -a "cleanup" -d 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
complete -c shoal -n "__fish_shoal_using_subcommand system; and not __fish_seen_subcommand_from dial-stdio cleanup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from dial-stdio" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from dial-stdio" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from dial-stdio" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from dial-stdio" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from dial-stdio" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -l data-dir -d 'The stopped agent\'s data dir' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from cleanup" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "dial-stdio" -d 'Connect stdin and stdout to the local agent\'s API socket (run by ssh:// endpoints)'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "cleanup" -d 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
complete -c shoal -n "__fish_shoal_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -l dir -d 'The task\'s directory' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -l exe -d 'The program to run (resolved by the agent)' -r -F
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -l log-cap -d 'Rotate the log past this many bytes' -r
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -s c -l context -d 'Context to use (see `shoal context ls`); overrides the current context' -r
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -s H -l host -d 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context' -r
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -l log-level -d 'How much to log on stderr' -r -f -a "error\t''
warn\t''
info\t''
debug\t''
trace\t''"
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -s h -l help -d 'Print help'
complete -c shoal -n "__fish_shoal_using_subcommand task-shim" -s V -l version -d 'Print version'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "cluster" -d 'Create, join, or leave a cluster; print join tokens; rotate the gossip key'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "node" -d 'Manage the nodes of the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "network" -d 'Manage overlay networks'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "service" -d 'Manage services'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "events" -d 'Stream cluster events as they happen'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "exec" -d 'Run a command inside a running task'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "dashboard" -d 'Watch and steer the cluster in a live terminal dashboard'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "agent" -d 'Run the node agent (the daemon on every host) in the foreground'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "whoami" -d 'Serve HTTP answers saying which task, host and addresses answered (a test backend)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "context" -d 'Manage contexts: named endpoints the CLI talks to'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "lab" -d 'Run a cluster of hosts in network namespaces on this machine'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "completion" -d 'Print a shell completion script'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "version" -d 'Show the shoal version information'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "system" -d 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "task-shim" -d 'The parent of one task\'s process (started by the agent)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and not __fish_seen_subcommand_from cluster node network service events exec dashboard agent whoami context lab completion version system task-shim help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "init" -d 'Create a new cluster with this node as its first manager'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "join" -d 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "join-token" -d 'Print (or rotate) the token that lets a node join as a worker or a manager'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "leave" -d 'Leave the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "rotate-gossip-key" -d 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "ls" -d 'List nodes in the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "inspect" -d 'Show one or more nodes as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "update" -d 'Change a node\'s availability'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "rm" -d 'Remove one or more nodes from the cluster'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from node" -f -a "add" -d 'Install, start and join agents on hosts over SSH'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create an overlay network'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Show one or more networks as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove one or more networks'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "create" -d 'Create a service that runs COMMAND as its tasks'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "ls" -d 'List services'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "ps" -d 'List the tasks of one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "inspect" -d 'Show one or more services as JSON'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "scale" -d 'Scale one or more replicated services (SERVICE=REPLICAS)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "update" -d 'Update a service'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "rm" -d 'Remove one or more services'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from service" -f -a "logs" -d 'Fetch the logs of a service or task'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "ls" -d 'List contexts; the current one is marked with *'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "create" -d 'Create a context'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make a context the current one'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "rm" -d 'Remove one or more contexts'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "inspect" -d 'Show one or more contexts as JSON (the current one by default)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Print the name of the current context'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "up" -d 'Create a lab: N hosts as network namespaces on one underlay bridge'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "down" -d 'Remove a lab and everything it made (also after a crash or a half-finished up)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "status" -d 'Show the hosts of a lab'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "exec" -d 'Run a command inside a lab host\'s network namespace'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "stop" -d 'Stop the agent of a lab host (to watch the cluster notice)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "start" -d 'Start the agent of a lab host again'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "demo" -d 'Walk through Docker\'s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "dial-stdio" -d 'Connect stdin and stdout to the local agent\'s API socket (run by ssh:// endpoints)'
complete -c shoal -n "__fish_shoal_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "cleanup" -d 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
