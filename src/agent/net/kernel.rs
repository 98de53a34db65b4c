//! The kernel driver: reads the data plane back through netlink and applies the
//! plan's operations. Namespaces are files under the agent's `netns/` directory
//! (sandboxes `ov-<network>`, tasks `task-<id>`); work inside one happens on a thread
//! of its own that has joined it (`sys::netlink::with_netlink`).

use std::{
    fs::File,
    net::{IpAddr, Ipv4Addr},
    path::{Path, PathBuf},
};

use super::{
    Driver, NetError, nat,
    plan::{Actual, GW_BRIDGE, GwSpec, Host, Iface, MTU, Op, Sandbox, task_ns_name},
};
use crate::sys::{
    netlink::{Netlink, NetlinkError, with_netlink},
    netns,
};

pub struct KernelDriver {
    dir: PathBuf,
    /// This node's VTEP: VXLAN devices from it in the host namespace are ours.
    vtep: Option<Ipv4Addr>,
}

fn nl(what: String) -> impl FnOnce(NetlinkError) -> NetError {
    move |e| NetError::Kernel(format!("{what}: {e}"))
}

impl KernelDriver {
    /// Namespaces live under `dir`, which becomes a mount point of its own so that
    /// tasks' mount namespaces can drop all of them at once (see the runtime).
    pub fn new(dir: &Path, vtep: Option<Ipv4Addr>) -> Result<KernelDriver, NetError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| NetError::Kernel(format!("{}: {e}", dir.display())))?;
        crate::sys::mounts::make_mount_point(dir)
            .map_err(|e| NetError::Kernel(format!("{}: {e}", dir.display())))?;
        Ok(KernelDriver {
            dir: dir.to_path_buf(),
            vtep,
        })
    }

    fn ns(&self, name: &str) -> Result<File, NetError> {
        File::open(self.dir.join(name))
            .map_err(|e| NetError::Kernel(format!("namespace {name}: {e}")))
    }

    fn read_sandbox(&self, name: &str) -> Result<Sandbox, NetError> {
        let ns = self.ns(name)?;
        with_netlink(&ns, |nl| async move {
            let mut sb = Sandbox::default();
            let Some(br) = nl.details("br0").await? else {
                return Ok(sb);
            };
            if let Some(a) = nl.addresses("br0").await?.first() {
                sb.bridge = Some(*a);
            }
            for l in nl.all_details().await? {
                if l.link.controller != Some(br.link.index) {
                    continue;
                }
                match (l.link.name.as_str(), l.vxlan) {
                    ("vxlan0", Some(v)) => sb.vxlan = Some((v.vni, v.local, v.port)),
                    (_, None) if l.kind.as_deref() == Some("veth") => {
                        sb.ports.insert(l.link.name.clone());
                    }
                    _ => {}
                }
            }
            if sb.vxlan.is_some() {
                sb.fdb = nl.fdb("vxlan0").await?.into_iter().collect();
                sb.neighbours = nl.neighbours("vxlan0").await?.into_iter().collect();
            }
            Ok(sb)
        })
        .map_err(nl(format!("sandbox {name}")))
    }

    fn read_task(&self, name: &str) -> Result<(Vec<Iface>, Option<Ipv4Addr>), NetError> {
        let ns = self.ns(name)?;
        with_netlink(&ns, |nl| async move {
            let mut out = Vec::new();
            for l in nl.all_details().await? {
                if l.link.name == "lo" {
                    continue;
                }
                out.push(Iface {
                    addrs: nl.addresses(&l.link.name).await?,
                    ifname: l.link.name,
                    mac: l.mac,
                });
            }
            Ok((out, nl.default_gateway().await?))
        })
        .map_err(nl(format!("task namespace {name}")))
    }

    /// The gateway bridge's address, if one is already there (kept across restarts).
    pub fn current_gw(&self) -> Option<super::plan::GwSpec> {
        let host = self.read_host(None).ok()?;
        host.gw_bridge
            .map(|(gateway, prefix)| super::plan::GwSpec { gateway, prefix })
    }

    fn host() -> Result<File, NetError> {
        File::open("/proc/self/ns/net").map_err(|e| NetError::Kernel(e.to_string()))
    }

    fn read_host(&self, subnet: Option<(Ipv4Addr, u8)>) -> Result<Host, NetError> {
        let vtep = self.vtep;
        let (gw_bridge, stray) = with_netlink(&Self::host()?, |nl| async move {
            let gw = match nl.link(GW_BRIDGE).await? {
                Some(_) => nl.addresses(GW_BRIDGE).await?.first().copied(),
                None => None,
            };
            let stray = nl
                .all_details()
                .await?
                .into_iter()
                .filter(|l| {
                    l.link
                        .name
                        .strip_prefix("vx")
                        .is_some_and(|n| n.parse::<u32>().is_ok())
                        && l.vxlan.is_some_and(|v| vtep.is_some() && v.local == vtep)
                })
                .map(|l| l.link.name)
                .collect();
            Ok((gw, stray))
        })
        .map_err(nl("the gateway bridge".into()))?;
        let nat = match subnet.or(gw_bridge) {
            Some((gateway, prefix)) => nat::present(GwSpec { gateway, prefix }.subnet(), prefix),
            None => false,
        };
        Ok(Host {
            gw_bridge,
            nat,
            stray,
        })
    }

    fn add_gw_bridge(&self, gateway: Ipv4Addr, prefix: u8) -> Result<(), NetError> {
        with_netlink(&Self::host()?, |nl| async move {
            let right = nl.addresses(GW_BRIDGE).await.ok() == Some(vec![(gateway, prefix)]);
            if !right {
                nl.delete(GW_BRIDGE).await?;
                nl.add_bridge(GW_BRIDGE).await?;
                nl.add_address(GW_BRIDGE, IpAddr::V4(gateway), prefix)
                    .await?;
            }
            nl.set_up(GW_BRIDGE).await
        })
        .map_err(nl("the gateway bridge".into()))?;
        crate::sys::sysctl::set("net.ipv4.ip_forward", "1")
            .map_err(|e| NetError::Kernel(format!("cannot turn forwarding on: {e}")))?;
        nat::apply(GwSpec { gateway, prefix }.subnet(), prefix, GW_BRIDGE)
    }

    fn del_gw_bridge(&self) -> Result<(), NetError> {
        with_netlink(&Self::host()?, |nl| async move {
            nl.delete(GW_BRIDGE).await?;
            Ok(())
        })
        .map_err(nl("the gateway bridge".into()))?;
        nat::remove()
    }

    fn attach_gw(
        &self,
        veth: &str,
        task_id: &str,
        ifname: &str,
        ip: Ipv4Addr,
        prefix: u8,
        gateway: Ipv4Addr,
    ) -> Result<(), NetError> {
        let task = self.ns(&task_ns_name(task_id))?;
        let gone = ifname.to_string();
        with_netlink(&task, |nl| async move {
            nl.delete(&gone).await?;
            Ok(())
        })
        .map_err(nl(format!("task {task_id}")))?;
        let (veth_c, ifname_c) = (veth.to_string(), ifname.to_string());
        with_netlink(&Self::host()?, |nl| {
            let task = &task;
            async move {
                nl.delete(&veth_c).await?;
                nl.add_veth(&veth_c, &ifname_c, Some(task)).await?;
                nl.set_controller(&veth_c, GW_BRIDGE).await?;
                nl.set_isolated(&veth_c).await?;
                nl.set_up(&veth_c).await
            }
        })
        .map_err(nl("the gateway bridge".into()))?;
        let ifname = ifname.to_string();
        with_netlink(&task, |nl| async move {
            nl.add_address(&ifname, IpAddr::V4(ip), prefix).await?;
            nl.set_up(&ifname).await?;
            nl.add_default_route(gateway).await
        })
        .map_err(nl(format!("task {task_id}")))
    }

    fn add_sandbox(
        &self,
        sandbox: &str,
        vni: u32,
        gateway: Ipv4Addr,
        prefix: u8,
        vtep: Ipv4Addr,
        port: u16,
    ) -> Result<(), NetError> {
        let path = self.dir.join(sandbox);
        netns::delete_at(&path).map_err(|e| NetError::Kernel(format!("{sandbox}: {e}")))?;
        netns::create_at(&path).map_err(|e| NetError::Kernel(format!("{sandbox}: {e}")))?;
        let ns = self.ns(sandbox)?;
        with_netlink(&ns, |nl| async move {
            nl.set_up("lo").await?;
            nl.add_bridge("br0").await?;
            nl.set_mtu("br0", MTU).await?;
            nl.add_address("br0", IpAddr::V4(gateway), prefix).await?;
            nl.set_up("br0").await
        })
        .map_err(nl(format!("sandbox {sandbox}")))?;
        // VXLAN's socket belongs to the namespace the device is made in: the host's,
        // where the underlay is. Then the device moves into the sandbox.
        let tmp = format!("vx{vni}");
        let host = File::open("/proc/self/ns/net").map_err(|e| NetError::Kernel(e.to_string()))?;
        let made = with_netlink(&host, |nl| {
            let ns = &ns;
            let tmp = tmp.clone();
            async move {
                if let Some(old) = nl.details(&tmp).await? {
                    // Our own, left by a crash between making and moving it.
                    let ours = old
                        .vxlan
                        .is_some_and(|v| v.vni == vni && v.local == Some(vtep));
                    if !ours {
                        return Err(NetlinkError::Io(std::io::Error::other(format!(
                            "a link named {tmp} exists and is not shoal's"
                        ))));
                    }
                    nl.delete(&tmp).await?;
                }
                nl.add_vxlan(&tmp, vni, vtep, port, MTU).await?;
                nl.move_to(&tmp, ns).await
            }
        });
        if let Err(e) = made {
            let _ = netns::delete_at(&path);
            let text = e.to_string();
            return Err(NetError::Kernel(if text.contains("exists") {
                format!(
                    "VNI {vni} (UDP port {port}) is already in use on this host by a VXLAN device that is not shoal's: {text}"
                )
            } else {
                format!("cannot create the VXLAN device for VNI {vni}: {text}")
            }));
        }
        with_netlink(&ns, |nl| async move {
            nl.rename(&tmp, "vxlan0").await?;
            nl.set_controller("vxlan0", "br0").await?;
            nl.set_up("vxlan0").await
        })
        .map_err(nl(format!("sandbox {sandbox}")))
    }

    #[allow(clippy::too_many_arguments)]
    fn attach(
        &self,
        sandbox: &str,
        veth: &str,
        task_id: &str,
        ifname: &str,
        ip: Ipv4Addr,
        prefix: u8,
        mac: [u8; 6],
    ) -> Result<(), NetError> {
        let sb = self.ns(sandbox)?;
        let task = self.ns(&task_ns_name(task_id))?;
        let (veth_c, ifname_c) = (veth.to_string(), ifname.to_string());
        let gone = ifname_c.clone();
        with_netlink(&task, |nl| async move {
            nl.delete(&gone).await?;
            Ok(())
        })
        .map_err(nl(format!("task {task_id}")))?;
        with_netlink(&sb, |nl| {
            let task = &task;
            async move {
                nl.delete(&veth_c).await?;
                nl.add_veth(&veth_c, &ifname_c, Some(task)).await?;
                nl.set_mtu(&veth_c, MTU).await?;
                nl.set_controller(&veth_c, "br0").await?;
                nl.set_up(&veth_c).await
            }
        })
        .map_err(nl(format!("sandbox {sandbox}")))?;
        let ifname = ifname.to_string();
        with_netlink(&task, |nl| async move {
            nl.set_mtu(&ifname, MTU).await?;
            nl.set_mac(&ifname, mac).await?;
            nl.add_address(&ifname, IpAddr::V4(ip), prefix).await?;
            nl.set_up(&ifname).await?;
            nl.set_up("lo").await
        })
        .map_err(nl(format!("task {task_id}")))
    }
}

impl Driver for KernelDriver {
    fn read(&self) -> Result<Actual, NetError> {
        let mut actual = Actual::default();
        let entries = std::fs::read_dir(&self.dir).map_err(|e| NetError::Kernel(e.to_string()))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("ov-") {
                actual
                    .sandboxes
                    .insert(name.clone(), self.read_sandbox(&name)?);
            } else if let Some(id) = name.strip_prefix("task-") {
                let (ifaces, gw) = self.read_task(&name)?;
                actual.tasks.insert(id.to_string(), ifaces);
                if let Some(gw) = gw {
                    actual.default_gw.insert(id.to_string(), gw);
                }
            }
        }
        actual.host = self.read_host(None)?;
        Ok(actual)
    }

    fn apply(&self, op: &Op) -> Result<(), NetError> {
        match op {
            Op::AddSandbox {
                sandbox,
                vni,
                gateway,
                prefix,
                vtep,
                port,
            } => self.add_sandbox(sandbox, *vni, *gateway, *prefix, *vtep, *port),
            Op::DelSandbox { sandbox } => netns::delete_at(&self.dir.join(sandbox))
                .map(|_| ())
                .map_err(|e| NetError::Kernel(format!("{sandbox}: {e}"))),
            Op::Attach {
                sandbox,
                veth,
                task_id,
                ifname,
                ip,
                prefix,
                mac,
            } => self.attach(sandbox, veth, task_id, ifname, *ip, *prefix, *mac),
            Op::AddPeer {
                sandbox,
                ip,
                mac,
                vtep,
            } => {
                let ns = self.ns(sandbox)?;
                let (ip, mac, vtep) = (*ip, *mac, *vtep);
                with_netlink(&ns, |nl| async move {
                    nl.add_neighbour("vxlan0", ip, mac).await?;
                    nl.add_fdb("vxlan0", mac, vtep).await
                })
                .map_err(nl(format!("sandbox {sandbox}")))
            }
            Op::DelPeer {
                sandbox,
                ip,
                mac,
                vtep,
            } => {
                let ns = self.ns(sandbox)?;
                let (ip, mac, vtep) = (*ip, *mac, *vtep);
                with_netlink(&ns, |nl: Netlink| async move {
                    if let Some(v) = vtep {
                        nl.del_fdb("vxlan0", mac, v).await?;
                    }
                    if let Some(i) = ip {
                        nl.del_neighbour("vxlan0", i).await?;
                    }
                    Ok(())
                })
                .map_err(nl(format!("sandbox {sandbox}")))
            }
            Op::AddGwBridge { gateway, prefix } => self.add_gw_bridge(*gateway, *prefix),
            Op::DelGwBridge => self.del_gw_bridge(),
            Op::DelHostLink { name } => {
                let name = name.clone();
                with_netlink(&Self::host()?, |nl| async move {
                    nl.delete(&name).await.map(|_| ())
                })
                .map_err(nl("a stray link".into()))
            }
            Op::AttachGw {
                veth,
                task_id,
                ifname,
                ip,
                prefix,
                gateway,
            } => self.attach_gw(veth, task_id, ifname, *ip, *prefix, *gateway),
        }
    }

    fn create_task_ns(&self, task_id: &str) -> Result<PathBuf, NetError> {
        let path = self.dir.join(task_ns_name(task_id));
        if !path.exists() {
            netns::create_at(&path)
                .map_err(|e| NetError::Kernel(format!("task {task_id}: {e}")))?;
        }
        Ok(path)
    }

    fn task_namespaces(&self) -> Vec<String> {
        std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_prefix("task-")
                    .map(str::to_string)
            })
            .collect()
    }

    fn delete_task_ns(&self, task_id: &str) -> Result<(), NetError> {
        netns::delete_at(&self.dir.join(task_ns_name(task_id)))
            .map(|_| ())
            .map_err(|e| NetError::Kernel(format!("task {task_id}: {e}")))
    }
}
