//! `lab up`: validate, record, create; on any failure undo what was made.

use std::{fs, net::IpAddr};

use super::{
    LabError, agents, down, plan,
    plan::{HostPlan, Plan},
    require_root, sshd,
    state::{self, LabState, Phase},
};
use crate::sys::{
    netlink::{NetlinkError, with_netlink},
    netns::{self, NetnsError},
    sysctl,
};

/// Sysctls every lab host gets: it routes (overlay gateways later) and does not drop
/// asymmetric replies that VXLAN and DNAT produce.
const HOST_SYSCTLS: &[(&str, &str)] = &[
    ("net.ipv4.ip_forward", "1"),
    ("net.ipv4.conf.all.rp_filter", "0"),
    ("net.ipv4.conf.default.rp_filter", "0"),
    ("net.ipv6.conf.all.forwarding", "1"),
];

/// How `lab up` sets up its hosts.
#[derive(Debug, Clone, Copy)]
pub struct UpOptions {
    pub nodes: u8,
    /// Managers among the nodes (the first ones); 0 means a bare lab: no agents.
    pub managers: u8,
    /// The cluster's VXLAN port (`cluster init --data-path-port`); None: 4789.
    pub data_path_port: Option<u16>,
    /// sshd on every host; nodes 2..N joined with `shoal node add`.
    pub ssh: bool,
}

/// Creates lab `name` and, unless bare, a cluster on it: managers on the first nodes
/// (node 1 initializes), workers on the others. Returns its plan.
pub fn up(name: &str, opts: UpOptions) -> Result<Plan, LabError> {
    let plan = Plan::new(name, opts.nodes)?;
    if opts.managers > opts.nodes {
        return Err(LabError::Io(std::io::Error::other(format!(
            "--managers {} is more than --nodes {}",
            opts.managers, opts.nodes
        ))));
    }
    let bare = opts.managers == 0;
    require_root()?;
    let lock = state::lock()?;
    if state::load(name)?.is_some() || state::dir(name).exists() {
        return Err(LabError::Exists(name.to_string()));
    }
    if let Some(netns) = plan.namespaces().into_iter().find(|n| netns::exists(n)) {
        return Err(LabError::Foreign {
            netns,
            lab: name.to_string(),
        });
    }
    let mut st = LabState::new(&plan);
    st.bare = bare;
    st.ssh = opts.ssh;
    state::save(&st)?;
    if let Err(err) = build(&plan, &mut st) {
        return Err(undo(&st, err));
    }
    // The namespaces exist: other labs may go ahead while this one starts its agents.
    drop(lock);
    let started = if opts.ssh {
        start_ssh_cluster(&plan, &mut st, opts)
    } else if !bare {
        start_cluster(&plan, opts.managers, opts.data_path_port)
    } else {
        Ok(())
    };
    if let Err(err) = started {
        let _lock = state::lock()?;
        return Err(undo(&st, err));
    }
    st.phase = Phase::Up;
    state::save(&st)?;
    Ok(plan)
}

/// Removes what a failed `up` made and returns the error that made it fail.
fn undo(st: &LabState, err: LabError) -> LabError {
    if let Err(cleanup) = down::teardown(st) {
        tracing::warn!(%cleanup, "cleanup after a failed lab up was incomplete");
    }
    err
}

fn start_cluster(plan: &Plan, managers: u8, data_path_port: Option<u16>) -> Result<(), LabError> {
    for host in &plan.hosts {
        agents::start(&plan.name, host)?;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(agents::form_cluster(
        &plan.name,
        &plan.hosts,
        managers.into(),
        data_path_port,
    ))
}

/// sshd everywhere, an agent and `cluster init` on node 1, then `shoal node add` for
/// the others.
fn start_ssh_cluster(plan: &Plan, st: &mut LabState, opts: UpOptions) -> Result<(), LabError> {
    st.made_privsep_dir = sshd::start_all(plan)?;
    state::save(st)?;
    if opts.managers == 0 {
        return Ok(());
    }
    let first = &plan.hosts[..1];
    sshd::link_first(&plan.name, &first[0].node)?;
    start_cluster(
        &Plan {
            hosts: first.to_vec(),
            ..plan.clone()
        },
        1,
        opts.data_path_port,
    )?;
    sshd::add_nodes(plan, opts.managers.into())
}

fn build(plan: &Plan, st: &mut LabState) -> Result<(), LabError> {
    for ns in plan.namespaces() {
        if let Err(e) = netns::create(&ns) {
            if let NetnsError::Exists(_) = e {
                // Someone else made it meanwhile: it is theirs, not ours to remove.
                st.namespaces.retain(|n| n != &ns);
                state::save(st)?;
                return Err(LabError::Foreign {
                    netns: ns,
                    lab: plan.name.clone(),
                });
            }
            return Err(e.into());
        }
    }
    build_switch(plan)?;
    for host in &plan.hosts {
        build_host(host)?;
        fs::create_dir_all(state::node_dir(&plan.name, &host.node))?;
    }
    Ok(())
}

/// The underlay bridge and one veth per host, the host end created straight inside
/// the host's namespace as `eth0`.
fn build_switch(plan: &Plan) -> Result<(), LabError> {
    let sw = netns::open(&plan.switch_netns)?;
    let host_ns = plan
        .hosts
        .iter()
        .map(|h| netns::open(&h.netns))
        .collect::<Result<Vec<_>, _>>()?;
    with_netlink(&sw, |nl| async move {
        nl.set_up("lo").await?;
        nl.add_bridge(plan::SWITCH_BRIDGE).await?;
        nl.set_up(plan::SWITCH_BRIDGE).await?;
        for (host, ns) in plan.hosts.iter().zip(&host_ns) {
            nl.add_veth(&host.port, plan::HOST_IFACE, Some(ns)).await?;
            nl.set_controller(&host.port, plan::SWITCH_BRIDGE).await?;
            nl.set_up(&host.port).await?;
        }
        // With br_netfilter loaded, bridged frames would go through this namespace's
        // iptables; a switch should only switch.
        for key in [
            "net.bridge.bridge-nf-call-iptables",
            "net.bridge.bridge-nf-call-ip6tables",
        ] {
            sysctl::set_if_present(key, "0")?;
        }
        Ok::<_, NetlinkError>(())
    })?;
    Ok(())
}

fn build_host(host: &HostPlan) -> Result<(), LabError> {
    let ns = netns::open(&host.netns)?;
    with_netlink(&ns, |nl| async move {
        nl.set_up("lo").await?;
        nl.add_address(plan::HOST_IFACE, IpAddr::V4(host.address), plan::PREFIX)
            .await?;
        nl.set_up(plan::HOST_IFACE).await?;
        for (key, value) in HOST_SYSCTLS {
            sysctl::set(key, value)?;
        }
        Ok::<_, NetlinkError>(())
    })?;
    Ok(())
}
