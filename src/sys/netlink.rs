//! The one netlink wrapper: typed methods (`add_bridge`, `add_veth`, `add_address`)
//! over rtnetlink, so raw netlink messages stay in this file. A `Netlink` talks to the
//! namespace its socket was opened in; `with_netlink` opens one inside a named
//! namespace on a dedicated thread with its own small runtime.

use std::{
    fs::File,
    future::Future,
    io,
    net::{IpAddr, Ipv4Addr},
    os::fd::AsRawFd,
};

use futures::TryStreamExt;
use rtnetlink::{
    Handle, LinkBridge, LinkUnspec, LinkVeth, LinkVxlan,
    packet_route::{
        AddressFamily,
        address::{AddressAttribute, AddressMessage},
        link::{
            InfoData, InfoKind, InfoVeth, InfoVxlan, LinkAttribute, LinkFlags, LinkInfo,
            LinkMessage, State,
        },
        neighbour::{
            NeighbourAddress, NeighbourAttribute, NeighbourFlags, NeighbourMessage, NeighbourState,
        },
    },
};

use super::netns;

#[derive(Debug, thiserror::Error)]
pub enum NetlinkError {
    #[error("cannot {op} {name:?}: {source}")]
    Op {
        op: &'static str,
        name: String,
        source: io::Error,
    },
    #[error("link {0:?} does not exist")]
    NoLink(String),
    #[error("netlink: {0}")]
    Io(#[from] io::Error),
}

/// What callers need to know about a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub index: u32,
    pub name: String,
    /// Administratively up (IFF_UP).
    pub up: bool,
    /// Operationally up (carrier and lower layers).
    pub oper_up: bool,
    pub controller: Option<u32>,
}

/// A link with the details the data plane checks: MAC, MTU, kind and VXLAN settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDetails {
    pub link: Link,
    pub mac: Option<[u8; 6]>,
    pub mtu: Option<u32>,
    /// `bridge`, `vxlan`, `veth`...
    pub kind: Option<String>,
    pub vxlan: Option<Vxlan>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vxlan {
    pub vni: u32,
    pub local: Option<Ipv4Addr>,
    pub port: u16,
}

impl From<&LinkMessage> for LinkDetails {
    fn from(msg: &LinkMessage) -> Self {
        let mut d = LinkDetails {
            link: Link::from(msg),
            mac: None,
            mtu: None,
            kind: None,
            vxlan: None,
        };
        for attr in &msg.attributes {
            match attr {
                LinkAttribute::Address(a) => d.mac = <[u8; 6]>::try_from(a.as_slice()).ok(),
                LinkAttribute::Mtu(m) => d.mtu = Some(*m),
                LinkAttribute::LinkInfo(infos) => {
                    for info in infos {
                        match info {
                            LinkInfo::Kind(k) => d.kind = Some(k.to_string()),
                            LinkInfo::Data(InfoData::Vxlan(v)) => {
                                let mut x = Vxlan {
                                    vni: 0,
                                    local: None,
                                    port: 4789,
                                };
                                for a in v {
                                    match a {
                                        InfoVxlan::Id(id) => x.vni = *id,
                                        InfoVxlan::Local(l) => x.local = Some(*l),
                                        InfoVxlan::Port(p) => x.port = *p,
                                        _ => {}
                                    }
                                }
                                d.vxlan = Some(x);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        if d.kind.is_none() && d.vxlan.is_some() {
            d.kind = Some(InfoKind::Vxlan.to_string());
        }
        d
    }
}

impl From<&LinkMessage> for Link {
    fn from(msg: &LinkMessage) -> Self {
        let mut link = Link {
            index: msg.header.index,
            name: String::new(),
            up: msg.header.flags.contains(LinkFlags::Up),
            oper_up: false,
            controller: None,
        };
        for attr in &msg.attributes {
            match attr {
                LinkAttribute::IfName(n) => link.name = n.clone(),
                LinkAttribute::Controller(c) => link.controller = Some(*c),
                LinkAttribute::OperState(s) => {
                    link.oper_up = matches!(s, State::Up | State::Unknown)
                }
                _ => {}
            }
        }
        link
    }
}

fn to_io(e: rtnetlink::Error) -> io::Error {
    match e {
        rtnetlink::Error::NetlinkError(msg) => msg.to_io(),
        other => io::Error::other(other.to_string()),
    }
}

fn is_errno(e: &rtnetlink::Error, errno: i32) -> bool {
    matches!(e, rtnetlink::Error::NetlinkError(m) if m.raw_code() == -errno)
}

pub struct Netlink {
    handle: Handle,
}

impl Netlink {
    /// Opens a socket in the calling thread's namespace; needs a tokio runtime.
    pub fn connect() -> io::Result<Self> {
        let (conn, handle, _) = rtnetlink::new_connection()?;
        tokio::spawn(conn);
        Ok(Netlink { handle })
    }

    pub async fn link(&self, name: &str) -> Result<Option<Link>, NetlinkError> {
        Ok(self.details(name).await?.map(|d| d.link))
    }

    pub async fn details(&self, name: &str) -> Result<Option<LinkDetails>, NetlinkError> {
        let mut stream = self
            .handle
            .link()
            .get()
            .match_name(name.to_string())
            .execute();
        match stream.try_next().await {
            Ok(msg) => Ok(msg.as_ref().map(LinkDetails::from)),
            Err(e) if is_errno(&e, nix::libc::ENODEV) => Ok(None),
            Err(e) => Err(op("look up link", name, e)),
        }
    }

    pub async fn all_details(&self) -> Result<Vec<LinkDetails>, NetlinkError> {
        let msgs: Vec<LinkMessage> = self
            .handle
            .link()
            .get()
            .execute()
            .try_collect()
            .await
            .map_err(|e| op("list links", "", e))?;
        Ok(msgs.iter().map(LinkDetails::from).collect())
    }

    /// A VXLAN device for `vni` sending from `local` to UDP `port`, with learning off
    /// and ARP answered from its neighbour table (proxy), as Swarm sets it up.
    pub async fn add_vxlan(
        &self,
        name: &str,
        vni: u32,
        local: Ipv4Addr,
        port: u16,
        mtu: u32,
    ) -> Result<(), NetlinkError> {
        let msg = LinkVxlan::new(name, vni)
            .local(local)
            .port(port)
            .learning(false)
            .proxy(true)
            .mtu(mtu)
            .build();
        self.handle
            .link()
            .add(msg)
            .execute()
            .await
            .map_err(|e| op("create vxlan", name, e))
    }

    async fn set(
        &self,
        name: &str,
        what: &'static str,
        f: impl FnOnce(
            rtnetlink::LinkMessageBuilder<LinkUnspec>,
        ) -> rtnetlink::LinkMessageBuilder<LinkUnspec>,
    ) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let msg = f(LinkUnspec::new_with_index(index)).build();
        self.handle
            .link()
            .set(msg)
            .execute()
            .await
            .map_err(|e| op(what, name, e))
    }

    pub async fn set_mtu(&self, name: &str, mtu: u32) -> Result<(), NetlinkError> {
        self.set(name, "set the MTU of", |b| b.mtu(mtu)).await
    }

    pub async fn set_mac(&self, name: &str, mac: [u8; 6]) -> Result<(), NetlinkError> {
        self.set(name, "set the MAC of", |b| b.address(mac.to_vec()))
            .await
    }

    pub async fn rename(&self, name: &str, new: &str) -> Result<(), NetlinkError> {
        self.set(name, "rename", |b| b.name(new)).await
    }

    /// Moves the link into namespace `ns` (it disappears from this one).
    pub async fn move_to(&self, name: &str, ns: &File) -> Result<(), NetlinkError> {
        let fd = ns.as_raw_fd();
        self.set(name, "move", |b| b.setns_by_fd(fd)).await
    }

    /// Deletes the link; false if there was none.
    pub async fn delete(&self, name: &str) -> Result<bool, NetlinkError> {
        let Some(link) = self.link(name).await? else {
            return Ok(false);
        };
        match self.handle.link().del(link.index).execute().await {
            Ok(()) => Ok(true),
            Err(e) if is_errno(&e, nix::libc::ENODEV) => Ok(false),
            Err(e) => Err(op("delete", name, e)),
        }
    }

    /// IPv4 addresses on the link, with their prefix lengths.
    pub async fn addresses(&self, name: &str) -> Result<Vec<(Ipv4Addr, u8)>, NetlinkError> {
        let index = self.index(name).await?;
        let msgs: Vec<AddressMessage> = self
            .handle
            .address()
            .get()
            .set_link_index_filter(index)
            .execute()
            .try_collect()
            .await
            .map_err(|e| op("list addresses of", name, e))?;
        Ok(msgs
            .iter()
            .filter(|m| m.header.index == index)
            .filter_map(|m| {
                m.attributes.iter().find_map(|a| match a {
                    AddressAttribute::Local(IpAddr::V4(ip))
                    | AddressAttribute::Address(IpAddr::V4(ip)) => Some((*ip, m.header.prefix_len)),
                    _ => None,
                })
            })
            .collect())
    }

    /// A link's neighbour-table entries of `family`: (state, MAC, IPv4 address).
    async fn neighbour_entries(
        &self,
        name: &str,
        family: AddressFamily,
        what: &'static str,
    ) -> Result<Vec<(NeighbourState, Option<[u8; 6]>, Option<Ipv4Addr>)>, NetlinkError> {
        let index = self.index(name).await?;
        let msgs: Vec<NeighbourMessage> = self
            .handle
            .neighbours()
            .get()
            .set_address_family(family)
            .execute()
            .try_collect()
            .await
            .map_err(|e| op(what, name, e))?;
        Ok(msgs
            .iter()
            .filter(|m| m.header.ifindex == index)
            .map(|m| {
                let mut mac = None;
                let mut ip = None;
                for a in &m.attributes {
                    match a {
                        NeighbourAttribute::LinkLayerAddress(l) => {
                            mac = <[u8; 6]>::try_from(l.as_slice()).ok()
                        }
                        NeighbourAttribute::Destination(NeighbourAddress::Inet(i)) => ip = Some(*i),
                        // In a bridge-family dump an IPv4 destination comes as raw bytes.
                        NeighbourAttribute::Destination(NeighbourAddress::Other(b)) => {
                            ip = <[u8; 4]>::try_from(b.as_slice()).ok().map(Ipv4Addr::from)
                        }
                        _ => {}
                    }
                }
                (m.header.state, mac, ip)
            })
            .collect())
    }

    /// The forwarding entries `MAC -> remote VTEP` of a VXLAN device (its own, `self`).
    pub async fn fdb(&self, name: &str) -> Result<Vec<([u8; 6], Ipv4Addr)>, NetlinkError> {
        Ok(self
            .neighbour_entries(name, AddressFamily::Bridge, "list the fdb of")
            .await?
            .into_iter()
            .filter_map(|(_, mac, dst)| Some((mac?, dst?)))
            .collect())
    }

    pub async fn add_fdb(
        &self,
        name: &str,
        mac: [u8; 6],
        dst: Ipv4Addr,
    ) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        self.handle
            .neighbours()
            .add_bridge(index, &mac)
            .destination(IpAddr::V4(dst))
            .flags(NeighbourFlags::Own)
            .state(NeighbourState::Permanent)
            .replace()
            .execute()
            .await
            .map_err(|e| op("add an fdb entry to", name, e))
    }

    pub async fn del_fdb(
        &self,
        name: &str,
        mac: [u8; 6],
        dst: Ipv4Addr,
    ) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let mut msg = NeighbourMessage::default();
        msg.header.family = AddressFamily::Bridge;
        msg.header.ifindex = index;
        msg.header.flags = NeighbourFlags::Own;
        msg.header.state = NeighbourState::Permanent;
        msg.attributes
            .push(NeighbourAttribute::LinkLayerAddress(mac.to_vec()));
        msg.attributes
            .push(NeighbourAttribute::Destination(NeighbourAddress::Inet(dst)));
        self.handle
            .neighbours()
            .del(msg)
            .execute()
            .await
            .map_err(|e| op("remove an fdb entry from", name, e))
    }

    /// The permanent IPv4 neighbour entries `IP -> MAC` on the link.
    pub async fn neighbours(&self, name: &str) -> Result<Vec<(Ipv4Addr, [u8; 6])>, NetlinkError> {
        Ok(self
            .neighbour_entries(name, AddressFamily::Inet, "list the neighbours of")
            .await?
            .into_iter()
            .filter(|(state, _, _)| *state == NeighbourState::Permanent)
            .filter_map(|(_, mac, ip)| Some((ip?, mac?)))
            .collect())
    }

    pub async fn add_neighbour(
        &self,
        name: &str,
        ip: Ipv4Addr,
        mac: [u8; 6],
    ) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        self.handle
            .neighbours()
            .add(index, IpAddr::V4(ip))
            .link_layer_address(&mac)
            .state(NeighbourState::Permanent)
            .replace()
            .execute()
            .await
            .map_err(|e| op("add a neighbour to", name, e))
    }

    pub async fn del_neighbour(&self, name: &str, ip: Ipv4Addr) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let mut msg = NeighbourMessage::default();
        msg.header.family = AddressFamily::Inet;
        msg.header.ifindex = index;
        msg.attributes
            .push(NeighbourAttribute::Destination(NeighbourAddress::Inet(ip)));
        self.handle
            .neighbours()
            .del(msg)
            .execute()
            .await
            .map_err(|e| op("remove a neighbour from", name, e))
    }

    /// `ip route add default via GATEWAY`.
    pub async fn add_default_route(&self, gateway: Ipv4Addr) -> Result<(), NetlinkError> {
        let msg = rtnetlink::RouteMessageBuilder::<Ipv4Addr>::new()
            .destination_prefix(Ipv4Addr::UNSPECIFIED, 0)
            .gateway(gateway)
            .build();
        self.handle
            .route()
            .add(msg)
            .replace()
            .execute()
            .await
            .map_err(|e| op("add a default route via", &gateway.to_string(), e))
    }

    /// The IPv4 default route's gateway, if there is one.
    pub async fn default_gateway(&self) -> Result<Option<Ipv4Addr>, NetlinkError> {
        use rtnetlink::packet_route::route::{RouteAddress, RouteAttribute, RouteMessage};
        let filter = rtnetlink::RouteMessageBuilder::<Ipv4Addr>::new().build();
        let routes: Vec<RouteMessage> = self
            .handle
            .route()
            .get(filter)
            .execute()
            .try_collect()
            .await
            .map_err(|e| op("list routes", "", e))?;
        Ok(routes
            .iter()
            .filter(|r| r.header.destination_prefix_length == 0)
            .find_map(|r| {
                r.attributes.iter().find_map(|a| match a {
                    RouteAttribute::Gateway(RouteAddress::Inet(g)) => Some(*g),
                    _ => None,
                })
            }))
    }

    /// Keeps a bridge port from talking to the bridge's other isolated ports (Docker's
    /// `enable_icc=false` on its gateway bridge).
    pub async fn set_isolated(&self, name: &str) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let msg = rtnetlink::LinkBridgePort::new(index).isolated(true).build();
        self.handle
            .link()
            .set_port(msg)
            .execute()
            .await
            .map_err(|e| op("isolate", name, e))
    }

    pub async fn links(&self) -> Result<Vec<Link>, NetlinkError> {
        Ok(self
            .all_details()
            .await?
            .into_iter()
            .map(|d| d.link)
            .collect())
    }

    async fn index(&self, name: &str) -> Result<u32, NetlinkError> {
        self.link(name)
            .await?
            .map(|l| l.index)
            .ok_or_else(|| NetlinkError::NoLink(name.into()))
    }

    pub async fn add_bridge(&self, name: &str) -> Result<(), NetlinkError> {
        let msg = LinkBridge::new(name).build();
        self.handle
            .link()
            .add(msg)
            .execute()
            .await
            .map_err(|e| op("create bridge", name, e))
    }

    /// Creates a veth pair; the peer goes straight into `peer_ns` when given, so its
    /// name never exists (or collides) in this namespace.
    pub async fn add_veth(
        &self,
        name: &str,
        peer: &str,
        peer_ns: Option<&File>,
    ) -> Result<(), NetlinkError> {
        let mut peer_msg = LinkUnspec::new_with_name(peer);
        if let Some(ns) = peer_ns {
            peer_msg = peer_msg.setns_by_fd(ns.as_raw_fd());
        }
        let msg = LinkVeth::new(name, peer)
            .set_info_data(InfoData::Veth(InfoVeth::Peer(peer_msg.build())))
            .build();
        self.handle
            .link()
            .add(msg)
            .execute()
            .await
            .map_err(|e| op("create veth", name, e))
    }

    pub async fn set_up(&self, name: &str) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let msg = LinkUnspec::new_with_index(index).up().build();
        self.handle
            .link()
            .set(msg)
            .execute()
            .await
            .map_err(|e| op("set up", name, e))
    }

    pub async fn set_controller(&self, name: &str, controller: &str) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let ctrl = self.index(controller).await?;
        let msg = LinkUnspec::new_with_index(index).controller(ctrl).build();
        self.handle
            .link()
            .set(msg)
            .execute()
            .await
            .map_err(|e| op("attach", name, e))
    }

    pub async fn add_address(
        &self,
        name: &str,
        addr: IpAddr,
        prefix: u8,
    ) -> Result<(), NetlinkError> {
        let index = self.index(name).await?;
        let req = self.handle.address().add(index, addr, prefix);
        req.execute()
            .await
            .map_err(|e| op("add an address to", name, e))
    }
}

fn op(op: &'static str, name: &str, e: rtnetlink::Error) -> NetlinkError {
    NetlinkError::Op {
        op,
        name: name.to_string(),
        source: to_io(e),
    }
}

/// Runs `f` with a `Netlink` opened inside namespace `ns`, on a thread of its own.
pub fn with_netlink<T, F, Fut>(ns: &File, f: F) -> Result<T, NetlinkError>
where
    T: Send,
    F: FnOnce(Netlink) -> Fut + Send,
    Fut: Future<Output = Result<T, NetlinkError>>,
{
    netns::run_in(ns, || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        rt.block_on(async {
            let nl = Netlink::connect()?;
            f(nl).await
        })
    })?
}
