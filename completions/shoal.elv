
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
            cand cluster 'Create, join, or leave a cluster; print join tokens; rotate the gossip key'
            cand node 'Manage the nodes of the cluster'
            cand network 'Manage overlay networks'
            cand service 'Manage services'
            cand events 'Stream cluster events as they happen'
            cand exec 'Run a command inside a running task'
            cand dashboard 'Watch and steer the cluster in a live terminal dashboard'
            cand agent 'Run the node agent (the daemon on every host) in the foreground'
            cand whoami 'Serve HTTP answers saying which task, host and addresses answered (a test backend)'
            cand context 'Manage contexts: named endpoints the CLI talks to'
            cand lab 'Run a cluster of hosts in network namespaces on this machine'
            cand completion 'Print a shell completion script'
            cand version 'Show the shoal version information'
            cand system 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)'
            cand task-shim 'The parent of one task''s process (started by the agent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;cluster'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new cluster with this node as its first manager'
            cand join 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
            cand join-token 'Print (or rotate) the token that lets a node join as a worker or a manager'
            cand leave 'Leave the cluster'
            cand rotate-gossip-key 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;cluster;init'= {
            cand --data-dir 'Where a newly started agent keeps its state (only used when no agent is running)'
            cand --advertise-addr 'Address this node advertises to the others (default: its only non-loopback IPv4)'
            cand --listen-addr 'Where a manager listens for the cluster API'
            cand --data-path-port 'UDP port of the overlay networks'' VXLAN traffic on every node (1024-49151)'
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
        &'shoal;cluster;join'= {
            cand --token 'The join token (SHTKN-1-...)'
            cand --data-dir 'Where a newly started agent keeps its state (only used when no agent is running)'
            cand --advertise-addr 'Address this node advertises to the others (default: its only non-loopback IPv4)'
            cand --listen-addr 'Where a manager listens for the cluster API'
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
        &'shoal;cluster;join-token'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --rotate 'Replace the token; the old one stops working at once'
            cand -q 'Only print the token'
            cand --quiet 'Only print the token'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;cluster;leave'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Leave even if this node is a manager'
            cand --force 'Leave even if this node is a manager'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;cluster;rotate-gossip-key'= {
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
        &'shoal;cluster;help'= {
            cand init 'Create a new cluster with this node as its first manager'
            cand join 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
            cand join-token 'Print (or rotate) the token that lets a node join as a worker or a manager'
            cand leave 'Leave the cluster'
            cand rotate-gossip-key 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;cluster;help;init'= {
        }
        &'shoal;cluster;help;join'= {
        }
        &'shoal;cluster;help;join-token'= {
        }
        &'shoal;cluster;help;leave'= {
        }
        &'shoal;cluster;help;rotate-gossip-key'= {
        }
        &'shoal;cluster;help;help'= {
        }
        &'shoal;node'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List nodes in the cluster'
            cand list 'List nodes in the cluster'
            cand inspect 'Show one or more nodes as JSON'
            cand update 'Change a node''s availability'
            cand rm 'Remove one or more nodes from the cluster'
            cand remove 'Remove one or more nodes from the cluster'
            cand add 'Install, start and join agents on hosts over SSH'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;node;ls'= {
            cand -f 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX'
            cand --filter 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX'
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Hostname}} {{.Status}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print node IDs'
            cand --quiet 'Only print node IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;list'= {
            cand -f 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX'
            cand --filter 'Filter: role=manager|worker, name=HOSTNAME, id=PREFIX'
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Hostname}} {{.Status}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print node IDs'
            cand --quiet 'Only print node IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;inspect'= {
            cand -f 'Format output with a Go template'
            cand --format 'Format output with a Go template'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --pretty 'Print in a human-friendly format'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;update'= {
            cand --availability 'Availability of the node'
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
        &'shoal;node;rm'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
            cand --force 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;remove'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
            cand --force 'Remove a node that is not down; a node added with `node add` is also taken off its host over SSH (agent stopped, unit, namespaces and data dir removed)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;add'= {
            cand -i 'Private key to log in with (the ssh-agent''s keys are tried too)'
            cand --identity 'Private key to log in with (the ssh-agent''s keys are tried too)'
            cand -p 'SSH port (default: the ssh config''s Port, else 22)'
            cand --port 'SSH port (default: the ssh config''s Port, else 22)'
            cand --ssh-config 'ssh config to read instead of ~/.ssh/config (Host, HostName, User, Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile, ConnectTimeout)'
            cand --remote-path 'Where the binary goes on the host'
            cand --data-dir 'The agent''s data dir on the host'
            cand --socket 'The agent''s API socket on the host'
            cand --unit 'The systemd unit to install'
            cand --supervisor 'How the agent is kept running on the host'
            cand --node-name 'The node''s name (default: the host''s hostname). In this and the paths above, %n is the host as given and %h its address'
            cand --advertise-addr 'Address the node advertises (default: its only non-loopback IPv4)'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --manager 'Join as a manager (default: as a worker)'
            cand --sudo 'Run as root through `sudo -n` when the login user is not root'
            cand --accept-new-host-key 'Record the key of a host that known_hosts does not list yet (like StrictHostKeyChecking=accept-new); a changed key is always refused'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;node;help'= {
            cand ls 'List nodes in the cluster'
            cand inspect 'Show one or more nodes as JSON'
            cand update 'Change a node''s availability'
            cand rm 'Remove one or more nodes from the cluster'
            cand add 'Install, start and join agents on hosts over SSH'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;node;help;ls'= {
        }
        &'shoal;node;help;inspect'= {
        }
        &'shoal;node;help;update'= {
        }
        &'shoal;node;help;rm'= {
        }
        &'shoal;node;help;add'= {
        }
        &'shoal;node;help;help'= {
        }
        &'shoal;network'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create an overlay network'
            cand ls 'List networks'
            cand list 'List networks'
            cand inspect 'Show one or more networks as JSON'
            cand rm 'Remove one or more networks'
            cand remove 'Remove one or more networks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;network;create'= {
            cand -d 'Driver to manage the network'
            cand --driver 'Driver to manage the network'
            cand --subnet 'Subnet in CIDR format (default: a free /24 from 10.0.0.0/8)'
            cand --gateway 'Gateway for the subnet (default: its first address)'
            cand -o 'Driver option (KEY=VALUE)'
            cand --opt 'Driver option (KEY=VALUE)'
            cand --label 'Metadata (KEY=VALUE)'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --attachable 'Let tasks outside services attach to it'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;network;ls'= {
            cand -f 'Filter: name=, driver=, label=KEY or label=KEY=VALUE'
            cand --filter 'Filter: name=, driver=, label=KEY or label=KEY=VALUE'
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.ID}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print network IDs'
            cand --quiet 'Only print network IDs'
            cand --no-trunc 'Do not truncate IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;network;list'= {
            cand -f 'Filter: name=, driver=, label=KEY or label=KEY=VALUE'
            cand --filter 'Filter: name=, driver=, label=KEY or label=KEY=VALUE'
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.ID}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print network IDs'
            cand --quiet 'Only print network IDs'
            cand --no-trunc 'Do not truncate IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;network;inspect'= {
            cand -f 'Format output with a Go template'
            cand --format 'Format output with a Go template'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -v 'Also show the services on the network and their tasks'' endpoints'
            cand --verbose 'Also show the services on the network and their tasks'' endpoints'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;network;rm'= {
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
        &'shoal;network;remove'= {
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
        &'shoal;network;help'= {
            cand create 'Create an overlay network'
            cand ls 'List networks'
            cand inspect 'Show one or more networks as JSON'
            cand rm 'Remove one or more networks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;network;help;create'= {
        }
        &'shoal;network;help;ls'= {
        }
        &'shoal;network;help;inspect'= {
        }
        &'shoal;network;help;rm'= {
        }
        &'shoal;network;help;help'= {
        }
        &'shoal;service'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a service that runs COMMAND as its tasks'
            cand ls 'List services'
            cand list 'List services'
            cand ps 'List the tasks of one or more services'
            cand inspect 'Show one or more services as JSON'
            cand scale 'Scale one or more replicated services (SERVICE=REPLICAS)'
            cand update 'Update a service'
            cand rm 'Remove one or more services'
            cand remove 'Remove one or more services'
            cand logs 'Fetch the logs of a service or task'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;service;create'= {
            cand --name 'Service name (a DNS label: letters, digits, ''-'')'
            cand --replicas 'Number of tasks'
            cand --mode 'Service mode'
            cand --network 'Network to attach to (name or ID), or name=NET,alias=ALIAS[,alias=...] to give the service more names on it; repeat for several'
            cand --endpoint-mode 'How clients reach the tasks: a virtual IP, or DNS round-robin'
            cand -e 'Environment variable (KEY=VALUE)'
            cand --env 'Environment variable (KEY=VALUE)'
            cand --label 'Service label (KEY=VALUE)'
            cand --restart-condition 'When to restart a task that ended (new services: any)'
            cand --restart-delay 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)'
            cand --restart-max-attempts 'Maximum number of restarts before giving up (new services: 0, unlimited)'
            cand --restart-window 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)'
            cand --stop-grace-period 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -d 'Return at once instead of waiting for the service to converge'
            cand --detach 'Return at once instead of waiting for the service to converge'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;ls'= {
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.Replicas}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print service IDs'
            cand --quiet 'Only print service IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;list'= {
            cand --format 'Format output: table, json, or a Go template (e.g. ''{{.Name}} {{.Replicas}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print service IDs'
            cand --quiet 'Only print service IDs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;ps'= {
            cand -f 'Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK'
            cand --filter 'Filter: desired-state=running|shutdown|accepted, node=NODE, name=TASK'
            cand --format 'Format output: table, json, or a Go template'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -q 'Only print task IDs'
            cand --quiet 'Only print task IDs'
            cand --no-trunc 'Do not truncate IDs and errors'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;inspect'= {
            cand -f 'Format output with a Go template (e.g. ''{{json .Endpoint.VirtualIPs}}'')'
            cand --format 'Format output with a Go template (e.g. ''{{json .Endpoint.VirtualIPs}}'')'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --pretty 'Print in a human-friendly format'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;scale'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -d 'Return at once'
            cand --detach 'Return at once'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;update'= {
            cand --replicas 'Number of tasks'
            cand --env-add 'Add or change an environment variable (KEY=VALUE)'
            cand --env-rm 'Remove an environment variable'
            cand --args 'New arguments for the command (one string, split on spaces)'
            cand --restart-condition 'When to restart a task that ended (new services: any)'
            cand --restart-delay 'Delay between restart attempts (ns|us|ms|s|m|h) (new services: 5s)'
            cand --restart-max-attempts 'Maximum number of restarts before giving up (new services: 0, unlimited)'
            cand --restart-window 'Window used to evaluate the restart policy (ns|us|ms|s|m|h) (new services: 0, unbounded)'
            cand --stop-grace-period 'Time to wait before force killing a task (ns|us|ms|s|m|h) (new services: 10s)'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -d 'Return at once'
            cand --detach 'Return at once'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;rm'= {
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
        &'shoal;service;remove'= {
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
        &'shoal;service;logs'= {
            cand -n 'Number of lines to show from the end of each task''s log'
            cand --tail 'Number of lines to show from the end of each task''s log'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -f 'Follow log output: new lines, and tasks that start later'
            cand --follow 'Follow log output: new lines, and tasks that start later'
            cand -t 'Show timestamps'
            cand --timestamps 'Show timestamps'
            cand --no-task-ids 'Do not include task IDs in the output'
            cand --no-trunc 'Do not truncate task IDs'
            cand --raw 'Do not prefix lines with their task and node'
            cand --no-resolve 'Show node IDs instead of node names'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;service;help'= {
            cand create 'Create a service that runs COMMAND as its tasks'
            cand ls 'List services'
            cand ps 'List the tasks of one or more services'
            cand inspect 'Show one or more services as JSON'
            cand scale 'Scale one or more replicated services (SERVICE=REPLICAS)'
            cand update 'Update a service'
            cand rm 'Remove one or more services'
            cand logs 'Fetch the logs of a service or task'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;service;help;create'= {
        }
        &'shoal;service;help;ls'= {
        }
        &'shoal;service;help;ps'= {
        }
        &'shoal;service;help;inspect'= {
        }
        &'shoal;service;help;scale'= {
        }
        &'shoal;service;help;update'= {
        }
        &'shoal;service;help;rm'= {
        }
        &'shoal;service;help;logs'= {
        }
        &'shoal;service;help;help'= {
        }
        &'shoal;events'= {
            cand --format 'Format each event with a Go template, or `json`'
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
        &'shoal;exec'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -i 'Keep STDIN open and send it to the command'
            cand --interactive 'Keep STDIN open and send it to the command'
            cand -t 'Allocate a pseudo-terminal'
            cand --tty 'Allocate a pseudo-terminal'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;dashboard'= {
            cand --log-file 'Where to log [default: $XDG_STATE_HOME/shoal/dashboard.log, else ~/.local/state/shoal/dashboard.log]'
            cand --view 'The view to open on'
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
        &'shoal;agent'= {
            cand --data-dir 'Where the agent keeps its state'
            cand --socket 'The local API socket'
            cand --advertise-addr 'Address this node advertises to the others (default: its only non-loopback IPv4)'
            cand --listen-addr 'Where a manager listens for the cluster API'
            cand --node-name 'This node''s name in the cluster (default: the host name)'
            cand --gossip-port 'UDP port for gossip with the other nodes (recorded when the node joins)'
            cand --dns-upstream 'Where tasks'' DNS (127.0.0.11) forwards names outside the cluster, repeatable (default: the host''s resolv.conf nameservers, loopback ones left out)'
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
        &'shoal;whoami'= {
            cand -p 'Port to listen on (0 picks a free one)'
            cand --port 'Port to listen on (0 picks a free one)'
            cand --bind 'Address to listen on'
            cand --get 'Be the client instead: GET URL (http://HOST[:PORT][/PATH]), print the answer''s body, and fail unless it is a 2xx (for hosts without curl)'
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
            cand stop 'Stop the agent of a lab host (to watch the cluster notice)'
            cand start 'Start the agent of a lab host again'
            cand demo 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;lab;up'= {
            cand -n 'Number of hosts (1 to 32)'
            cand --nodes 'Number of hosts (1 to 32)'
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -m 'How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures'
            cand --managers 'How many of the nodes are managers (node 1 first); 3 or 5 tolerate failures'
            cand --data-path-port 'UDP port of the cluster''s VXLAN traffic (`cluster init --data-path-port`)'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --bare 'Only the namespaces: start no agents and form no cluster'
            cand --ssh 'Run OpenSSH''s sshd in every host and add nodes 2..N with `shoal node add` (the real SSH bootstrap); with --bare, only the sshds'
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
        &'shoal;lab;stop'= {
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --kill 'Kill it with SIGKILL, like a crash, instead of a clean SIGTERM'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'shoal;lab;start'= {
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
        &'shoal;lab;demo'= {
            cand --name 'Name of the lab; its hosts are namespaces NAME-1..N, its switch NAME-sw'
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand --keep 'Leave my-network, my-web and my-client in place at the end (also after a failure)'
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
            cand stop 'Stop the agent of a lab host (to watch the cluster notice)'
            cand start 'Start the agent of a lab host again'
            cand demo 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
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
        &'shoal;lab;help;stop'= {
        }
        &'shoal;lab;help;start'= {
        }
        &'shoal;lab;help;demo'= {
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
        &'shoal;system'= {
            cand -c 'Context to use (see `shoal context ls`); overrides the current context'
            cand --context 'Context to use (see `shoal context ls`); overrides the current context'
            cand -H 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --host 'Manager API to talk to: unix:///PATH, ssh://[USER@]HOST[:PORT] or tcp://HOST[:PORT]; overrides the context'
            cand --log-level 'How much to log on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand dial-stdio 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)'
            cand cleanup 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;system;dial-stdio'= {
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
        &'shoal;system;cleanup'= {
            cand --data-dir 'The stopped agent''s data dir'
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
        &'shoal;system;help'= {
            cand dial-stdio 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)'
            cand cleanup 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;system;help;dial-stdio'= {
        }
        &'shoal;system;help;cleanup'= {
        }
        &'shoal;system;help;help'= {
        }
        &'shoal;task-shim'= {
            cand --dir 'The task''s directory'
            cand --exe 'The program to run (resolved by the agent)'
            cand --log-cap 'Rotate the log past this many bytes'
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
            cand cluster 'Create, join, or leave a cluster; print join tokens; rotate the gossip key'
            cand node 'Manage the nodes of the cluster'
            cand network 'Manage overlay networks'
            cand service 'Manage services'
            cand events 'Stream cluster events as they happen'
            cand exec 'Run a command inside a running task'
            cand dashboard 'Watch and steer the cluster in a live terminal dashboard'
            cand agent 'Run the node agent (the daemon on every host) in the foreground'
            cand whoami 'Serve HTTP answers saying which task, host and addresses answered (a test backend)'
            cand context 'Manage contexts: named endpoints the CLI talks to'
            cand lab 'Run a cluster of hosts in network namespaces on this machine'
            cand completion 'Print a shell completion script'
            cand version 'Show the shoal version information'
            cand system 'Host-side commands that SSH runs (dial-stdio for ssh:// endpoints)'
            cand task-shim 'The parent of one task''s process (started by the agent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'shoal;help;cluster'= {
            cand init 'Create a new cluster with this node as its first manager'
            cand join 'Join a cluster as a worker or manager, with a token from `cluster join-token`'
            cand join-token 'Print (or rotate) the token that lets a node join as a worker or a manager'
            cand leave 'Leave the cluster'
            cand rotate-gossip-key 'Make a new key seal gossip (7946/udp); the previous one stays accepted until the next rotation'
        }
        &'shoal;help;cluster;init'= {
        }
        &'shoal;help;cluster;join'= {
        }
        &'shoal;help;cluster;join-token'= {
        }
        &'shoal;help;cluster;leave'= {
        }
        &'shoal;help;cluster;rotate-gossip-key'= {
        }
        &'shoal;help;node'= {
            cand ls 'List nodes in the cluster'
            cand inspect 'Show one or more nodes as JSON'
            cand update 'Change a node''s availability'
            cand rm 'Remove one or more nodes from the cluster'
            cand add 'Install, start and join agents on hosts over SSH'
        }
        &'shoal;help;node;ls'= {
        }
        &'shoal;help;node;inspect'= {
        }
        &'shoal;help;node;update'= {
        }
        &'shoal;help;node;rm'= {
        }
        &'shoal;help;node;add'= {
        }
        &'shoal;help;network'= {
            cand create 'Create an overlay network'
            cand ls 'List networks'
            cand inspect 'Show one or more networks as JSON'
            cand rm 'Remove one or more networks'
        }
        &'shoal;help;network;create'= {
        }
        &'shoal;help;network;ls'= {
        }
        &'shoal;help;network;inspect'= {
        }
        &'shoal;help;network;rm'= {
        }
        &'shoal;help;service'= {
            cand create 'Create a service that runs COMMAND as its tasks'
            cand ls 'List services'
            cand ps 'List the tasks of one or more services'
            cand inspect 'Show one or more services as JSON'
            cand scale 'Scale one or more replicated services (SERVICE=REPLICAS)'
            cand update 'Update a service'
            cand rm 'Remove one or more services'
            cand logs 'Fetch the logs of a service or task'
        }
        &'shoal;help;service;create'= {
        }
        &'shoal;help;service;ls'= {
        }
        &'shoal;help;service;ps'= {
        }
        &'shoal;help;service;inspect'= {
        }
        &'shoal;help;service;scale'= {
        }
        &'shoal;help;service;update'= {
        }
        &'shoal;help;service;rm'= {
        }
        &'shoal;help;service;logs'= {
        }
        &'shoal;help;events'= {
        }
        &'shoal;help;exec'= {
        }
        &'shoal;help;dashboard'= {
        }
        &'shoal;help;agent'= {
        }
        &'shoal;help;whoami'= {
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
            cand stop 'Stop the agent of a lab host (to watch the cluster notice)'
            cand start 'Start the agent of a lab host again'
            cand demo 'Walk through Docker''s overlay network guide on a running lab, step by step: a network, a service and a client, then DNS and the VIP from the client'
        }
        &'shoal;help;lab;up'= {
        }
        &'shoal;help;lab;down'= {
        }
        &'shoal;help;lab;status'= {
        }
        &'shoal;help;lab;exec'= {
        }
        &'shoal;help;lab;stop'= {
        }
        &'shoal;help;lab;start'= {
        }
        &'shoal;help;lab;demo'= {
        }
        &'shoal;help;completion'= {
        }
        &'shoal;help;version'= {
        }
        &'shoal;help;system'= {
            cand dial-stdio 'Connect stdin and stdout to the local agent''s API socket (run by ssh:// endpoints)'
            cand cleanup 'Stop the tasks and remove the namespaces, bridge and NAT table an agent left (run by `node rm --force` on the host it removes)'
        }
        &'shoal;help;system;dial-stdio'= {
        }
        &'shoal;help;system;cleanup'= {
        }
        &'shoal;help;task-shim'= {
        }
        &'shoal;help;help'= {
        }
    ]
    $completions[$command]
}
