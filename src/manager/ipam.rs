//! Address management for overlay networks: subnets from the default pool
//! (10.0.0.0/8, cut in /24s) or as given, refused when they overlap another network or
//! a route of any node; addresses handed out serially inside a subnet; VNIs from 4097.
//! Pure functions over the state, called from `apply` so every manager decides alike.

use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

use super::objects::Network;

pub const DEFAULT_POOL: Ipv4Net = match Ipv4Net::new(Ipv4Addr::new(10, 0, 0, 0), 8) {
    Ok(n) => n,
    Err(_) => panic!("constant pool"),
};
pub const DEFAULT_PREFIX: u8 = 24;
/// Swarm's ingress network holds 4096; user networks start after it.
pub const FIRST_VNI: u32 = 4097;
/// Smallest subnet: a /29 has six usable addresses.
pub const MAX_PREFIX: u8 = 29;

/// Something in use that a new subnet must not overlap, for the error message.
#[derive(Debug, Clone)]
pub struct Taken {
    pub net: Ipv4Net,
    pub what: String,
}

pub fn parse_subnet(s: &str) -> Result<Ipv4Net, String> {
    let net: Ipv4Net = s
        .parse()
        .map_err(|_| format!("invalid subnet {s:?}: use CIDR notation like 10.0.9.0/24"))?;
    if net.network() != net.addr() {
        return Err(format!(
            "invalid subnet {s:?}: host bits are set (did you mean {}?)",
            net.trunc()
        ));
    }
    if net.prefix_len() > MAX_PREFIX {
        return Err(format!(
            "subnet {s} is too small: use /{MAX_PREFIX} or larger"
        ));
    }
    Ok(net)
}

pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// Checks a requested subnet against what is taken.
pub fn check_subnet(net: &Ipv4Net, taken: &[Taken]) -> Result<(), String> {
    match taken.iter().find(|t| overlaps(net, &t.net)) {
        Some(t) => Err(format!("subnet {net} overlaps {} ({})", t.what, t.net)),
        None => Ok(()),
    }
}

/// The first /24 of the default pool that overlaps nothing taken.
pub fn pick_subnet(taken: &[Taken]) -> Result<Ipv4Net, String> {
    DEFAULT_POOL
        .subnets(DEFAULT_PREFIX)
        .map_err(|e| e.to_string())?
        .find(|n| !taken.iter().any(|t| overlaps(n, &t.net)))
        .ok_or_else(|| format!("the default address pool {DEFAULT_POOL} is exhausted"))
}

/// The gateway: as given (inside the subnet, not its network or broadcast address), or
/// the first host address.
pub fn gateway(net: &Ipv4Net, given: Option<&str>) -> Result<Ipv4Addr, String> {
    match given {
        None => Ok(host(net, 1)),
        Some(g) => {
            let ip: Ipv4Addr = g
                .parse()
                .map_err(|_| format!("invalid gateway {g:?}: give an IPv4 address"))?;
            let off = offset(net, ip)
                .ok_or_else(|| format!("gateway {ip} is outside the subnet {net}"))?;
            if off == 0 || off >= size(net) - 1 {
                return Err(format!(
                    "gateway {ip} is the network or broadcast address of {net}"
                ));
            }
            Ok(ip)
        }
    }
}

fn size(net: &Ipv4Net) -> u32 {
    1u32 << (32 - net.prefix_len())
}

fn host(net: &Ipv4Net, offset: u32) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(net.network()) + offset)
}

/// The offset of `ip` in `net`, if inside.
pub fn offset(net: &Ipv4Net, ip: Ipv4Addr) -> Option<u32> {
    net.contains(&ip)
        .then(|| u32::from(ip) - u32::from(net.network()))
}

/// The next VNI: one past the highest in use.
pub fn next_vni<'a>(networks: impl Iterator<Item = &'a Network>) -> u32 {
    networks
        .map(|n| n.vni + 1)
        .max()
        .unwrap_or(FIRST_VNI)
        .max(FIRST_VNI)
}

/// Hands out the next free address of `network` as `a.b.c.d/len`, serially.
pub fn allocate(network: &mut Network) -> Result<String, String> {
    let net = parse_subnet(&network.subnet)?;
    let last = size(&net) - 2; // the highest host offset
    let start = network.next.clamp(1, last);
    let candidates = (start..=last).chain(1..start);
    for off in candidates {
        if !network.allocated.contains(&off) {
            network.allocated.insert(off);
            network.next = if off == last { 1 } else { off + 1 };
            return Ok(format!("{}/{}", host(&net, off), net.prefix_len()));
        }
    }
    Err(format!(
        "no IP address left in network {} ({})",
        network.name, network.subnet
    ))
}

/// Returns `addr` (`a.b.c.d/len`) to the network's free addresses.
pub fn release(network: &mut Network, addr: &str) {
    let ip = addr
        .split('/')
        .next()
        .and_then(|a| a.parse::<Ipv4Addr>().ok());
    if let (Ok(net), Some(ip)) = (parse_subnet(&network.subnet), ip)
        && let Some(off) = offset(&net, ip)
    {
        network.allocated.remove(&off);
    }
}

/// Used and free host addresses.
pub fn usage(network: &Network) -> (u32, u32) {
    let total = parse_subnet(&network.subnet)
        .map(|n| size(&n) - 2)
        .unwrap_or(0);
    let used = network.allocated.len() as u32;
    (used, total.saturating_sub(used))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(subnet: &str) -> Network {
        Network {
            id: "n".into(),
            name: "my-network".into(),
            driver: "overlay".into(),
            subnet: subnet.into(),
            gateway: String::new(),
            vni: FIRST_VNI,
            attachable: false,
            options: Default::default(),
            labels: Default::default(),
            created_at: String::new(),
            version: 0,
            allocated: [1].into(),
            next: 2,
        }
    }

    fn taken(s: &str, what: &str) -> Taken {
        Taken {
            net: s.parse().unwrap(),
            what: what.into(),
        }
    }

    #[test]
    fn subnets_are_parsed_strictly() {
        assert!(parse_subnet("10.0.9.0/24").is_ok());
        assert!(
            parse_subnet("10.0.9.1/24")
                .unwrap_err()
                .contains("host bits")
        );
        assert!(
            parse_subnet("10.0.9.0/30")
                .unwrap_err()
                .contains("too small")
        );
        assert!(parse_subnet("nope").unwrap_err().contains("invalid subnet"));
        assert!(parse_subnet("10.0.9.0/29").is_ok());
    }

    #[test]
    fn picks_free_24s_and_refuses_overlaps_naming_both() {
        let t = vec![
            taken("10.0.0.0/24", "network a"),
            taken("10.0.1.0/24", "network b"),
        ];
        assert_eq!(pick_subnet(&t).unwrap().to_string(), "10.0.2.0/24");
        let t = vec![taken("10.0.0.0/16", "a route of node node-2")];
        assert_eq!(pick_subnet(&t).unwrap().to_string(), "10.1.0.0/24");
        let err = check_subnet(
            &"10.0.9.0/24".parse().unwrap(),
            &[taken("10.0.0.0/16", "network x")],
        )
        .unwrap_err();
        assert_eq!(err, "subnet 10.0.9.0/24 overlaps network x (10.0.0.0/16)");
    }

    #[test]
    fn gateways_must_be_inside() {
        let n: Ipv4Net = "10.0.9.0/24".parse().unwrap();
        assert_eq!(gateway(&n, None).unwrap().to_string(), "10.0.9.1");
        assert_eq!(
            gateway(&n, Some("10.0.9.254")).unwrap().to_string(),
            "10.0.9.254"
        );
        assert!(
            gateway(&n, Some("10.0.8.1"))
                .unwrap_err()
                .contains("outside")
        );
        assert!(
            gateway(&n, Some("10.0.9.255"))
                .unwrap_err()
                .contains("broadcast")
        );
        assert!(gateway(&n, Some("10.0.9.0")).is_err());
    }

    #[test]
    fn addresses_go_out_serially_and_wrap() {
        let mut n = net("10.0.9.0/29"); // hosts .1-.6, .1 the gateway
        let got: Vec<String> = (0..5).map(|_| allocate(&mut n).unwrap()).collect();
        assert_eq!(
            got,
            [
                "10.0.9.2/29",
                "10.0.9.3/29",
                "10.0.9.4/29",
                "10.0.9.5/29",
                "10.0.9.6/29"
            ]
        );
        assert!(
            allocate(&mut n)
                .unwrap_err()
                .contains("no IP address left in network my-network")
        );
        release(&mut n, "10.0.9.3/29");
        release(&mut n, "10.0.9.5/29");
        // Not the one freed last, but the next one after the cursor (wrapped).
        assert_eq!(allocate(&mut n).unwrap(), "10.0.9.3/29");
        assert_eq!(usage(&n), (5, 1));
        let mut m = net("10.0.9.0/24");
        allocate(&mut m).unwrap();
        let b = allocate(&mut m).unwrap();
        release(&mut m, &b);
        assert_eq!(
            allocate(&mut m).unwrap(),
            "10.0.9.4/24",
            "a freed address is not reused at once"
        );
    }

    #[test]
    fn vnis_start_at_4097() {
        assert_eq!(next_vni(std::iter::empty()), 4097);
        let mut a = net("10.0.9.0/24");
        a.vni = 4100;
        assert_eq!(next_vni([a].iter()), 4101);
    }
}
