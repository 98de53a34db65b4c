//! The one netlink wrapper: typed methods (`add_bridge`, `add_veth`, `add_address`)
//! over rtnetlink, so raw netlink messages stay in this file. A `Netlink` talks to the
//! namespace its socket was opened in; `with_netlink` opens one inside a named
//! namespace on a dedicated thread with its own small runtime.

use std::{fs::File, future::Future, io, net::IpAddr, os::fd::AsRawFd};

use futures::TryStreamExt;
use rtnetlink::{
    Handle, LinkBridge, LinkUnspec, LinkVeth,
    packet_route::link::{InfoData, InfoVeth, LinkAttribute, LinkFlags, LinkMessage, State},
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
        let mut stream = self
            .handle
            .link()
            .get()
            .match_name(name.to_string())
            .execute();
        match stream.try_next().await {
            Ok(msg) => Ok(msg.as_ref().map(Link::from)),
            Err(e) if is_errno(&e, nix::libc::ENODEV) => Ok(None),
            Err(e) => Err(op("look up link", name, e)),
        }
    }

    pub async fn links(&self) -> Result<Vec<Link>, NetlinkError> {
        let msgs: Vec<LinkMessage> = self
            .handle
            .link()
            .get()
            .execute()
            .try_collect()
            .await
            .map_err(|e| op("list links", "", e))?;
        Ok(msgs.iter().map(Link::from).collect())
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
