//! Choosing the address a node advertises, as `docker swarm init` does: the one given,
//! else the host's only non-loopback IPv4 address; with several, the user must choose.

use std::net::{IpAddr, Ipv4Addr};

/// Parses `--advertise-addr`, or picks the only candidate among `candidates`.
pub fn choose(given: Option<&str>, candidates: &[Ipv4Addr]) -> Result<IpAddr, String> {
    if let Some(g) = given {
        return g
            .parse::<IpAddr>()
            .map_err(|_| format!("invalid advertise address {g:?}: give an IP address"));
    }
    match candidates {
        [one] => Ok(IpAddr::V4(*one)),
        [] => Err(
            "this host has no non-loopback IPv4 address to advertise: use --advertise-addr".into(),
        ),
        many => Err(format!(
            "could not choose an address to advertise among {}: use --advertise-addr",
            many.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Non-loopback IPv4 addresses of interfaces that are up, in this network namespace.
pub fn host_addresses() -> Vec<Ipv4Addr> {
    use nix::net::if_::InterfaceFlags;
    let mut out: Vec<Ipv4Addr> = nix::ifaddrs::getifaddrs()
        .into_iter()
        .flatten()
        .filter(|i| {
            i.flags.contains(InterfaceFlags::IFF_UP)
                && !i.flags.contains(InterfaceFlags::IFF_LOOPBACK)
        })
        .filter_map(|i| i.address.and_then(|a| a.as_sockaddr_in().map(|s| s.ip())))
        .filter(|ip| !ip.is_loopback())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_given_or_the_only_address() {
        let a = Ipv4Addr::new(192, 0, 2, 1);
        let b = Ipv4Addr::new(10, 0, 0, 1);
        assert_eq!(
            choose(Some("192.0.2.9"), &[a, b]).unwrap().to_string(),
            "192.0.2.9"
        );
        assert_eq!(choose(None, &[a]).unwrap(), IpAddr::V4(a));
        assert!(
            choose(None, &[a, b])
                .unwrap_err()
                .contains("192.0.2.1, 10.0.0.1")
        );
        assert!(choose(None, &[]).is_err());
        assert!(
            choose(Some("nope"), &[a])
                .unwrap_err()
                .contains("invalid advertise address")
        );
    }
}
