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

/// The IPv4 routes of this network namespace as CIDRs (default route left out), from
/// `/proc/net/route`: what network subnets must not overlap.
pub fn host_routes() -> Vec<String> {
    std::fs::read_to_string("/proc/net/route")
        .map(|t| parse_routes(&t))
        .unwrap_or_default()
}

/// Parses `/proc/net/route`: hex little-endian destination and mask per line.
fn parse_routes(table: &str) -> Vec<String> {
    let mut out: Vec<String> = table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let dst = u32::from_str_radix(f.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(f.get(7)?, 16).ok()?;
            // Stored in host byte order; this is x86/arm little-endian Linux.
            let prefix = mask.count_ones();
            (prefix > 0).then(|| format!("{}/{prefix}", Ipv4Addr::from(dst.to_le_bytes())))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proc_net_route() {
        let table = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                     eth0\t00000000\t0102000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n\
                     eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
                     br0\t0000110A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n";
        assert_eq!(parse_routes(table), ["10.17.0.0/16", "192.0.2.0/24"]);
    }

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
