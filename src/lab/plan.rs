//! What a lab is made of, as plain data: the namespaces, links and addresses that
//! `lab up` creates and `lab down` removes. Pure, so it is tested without root.

use std::net::Ipv4Addr;

use super::LabError;

pub const DEFAULT_NAME: &str = "shoal-lab";
pub const DEFAULT_NODES: u8 = 3;
pub const MAX_NODES: u8 = 32;
/// The underlay: TEST-NET-1, which no real network routes, so a mistake cannot leak.
pub const SUBNET: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 0);
pub const PREFIX: u8 = 24;
/// The bridge in the switch namespace that joins every host.
pub const SWITCH_BRIDGE: &str = "br0";
/// Each host's underlay interface.
pub const HOST_IFACE: &str = "eth0";
const MAX_NAME_LEN: usize = 32;

/// Checks a lab name: it becomes part of namespace names (`NAME-sw`, `NAME-1`).
pub fn validate_name(name: &str) -> Result<(), LabError> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        && name.len() <= MAX_NAME_LEN;
    if ok {
        Ok(())
    } else {
        Err(LabError::InvalidName(name.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPlan {
    /// 1-based node number.
    pub index: u8,
    /// `node-N`, the node's name inside the lab.
    pub node: String,
    /// `LAB-N`.
    pub netns: String,
    /// The switch-side end of the host's veth (`pN`, in the switch namespace).
    pub port: String,
    pub address: Ipv4Addr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub name: String,
    /// `LAB-sw`, holding the underlay bridge.
    pub switch_netns: String,
    pub hosts: Vec<HostPlan>,
}

impl Plan {
    pub fn new(name: &str, nodes: u8) -> Result<Plan, LabError> {
        validate_name(name)?;
        if !(1..=MAX_NODES).contains(&nodes) {
            return Err(LabError::NodeCount(nodes.into()));
        }
        let base = SUBNET.octets();
        let hosts = (1..=nodes)
            .map(|i| HostPlan {
                index: i,
                node: format!("node-{i}"),
                netns: format!("{name}-{i}"),
                port: format!("p{i}"),
                address: Ipv4Addr::new(base[0], base[1], base[2], i),
            })
            .collect();
        Ok(Plan {
            name: name.to_string(),
            switch_netns: format!("{name}-sw"),
            hosts,
        })
    }

    /// Every namespace of the lab, the switch first.
    pub fn namespaces(&self) -> Vec<String> {
        let mut all = vec![self.switch_netns.clone()];
        all.extend(self.hosts.iter().map(|h| h.netns.clone()));
        all
    }

    /// Finds a host by number (`2`), node name (`node-2`) or namespace (`LAB-2`).
    pub fn host(&self, selector: &str) -> Result<&HostPlan, LabError> {
        self.hosts
            .iter()
            .find(|h| selector == h.node || selector == h.netns || selector.parse() == Ok(h.index))
            .ok_or_else(|| LabError::NoSuchNode {
                lab: self.name.clone(),
                node: selector.to_string(),
                nodes: self.hosts.len(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_names_and_addresses() {
        let p = Plan::new("t1", 3).unwrap();
        assert_eq!(p.namespaces(), ["t1-sw", "t1-1", "t1-2", "t1-3"]);
        assert_eq!(p.hosts[2].address, Ipv4Addr::new(192, 0, 2, 3));
        assert_eq!(p.hosts[2].port, "p3");
        assert_eq!(p.hosts[0].node, "node-1");
        assert_eq!(
            Plan::new("x", 32).unwrap().hosts[31].address.octets()[3],
            32
        );
    }

    #[test]
    fn refuses_bad_counts_and_names() {
        assert!(matches!(Plan::new("x", 0), Err(LabError::NodeCount(0))));
        assert!(matches!(Plan::new("x", 33), Err(LabError::NodeCount(33))));
        for bad in ["", "-x", "a/b", "a b", "..", "ünï", &"x".repeat(33)] {
            assert!(
                matches!(validate_name(bad), Err(LabError::InvalidName(_))),
                "{bad}"
            );
        }
        validate_name("shoal-lab").unwrap();
        validate_name("t.1_a").unwrap();
    }

    #[test]
    fn selects_hosts_three_ways() {
        let p = Plan::new("lab", 3).unwrap();
        assert_eq!(p.host("2").unwrap().index, 2);
        assert_eq!(p.host("node-3").unwrap().index, 3);
        assert_eq!(p.host("lab-1").unwrap().index, 1);
        let err = p.host("9").unwrap_err().to_string();
        assert_eq!(err, "lab \"lab\" has no node 9 (its nodes are 1 to 3)");
        assert!(p.host("0").is_err());
    }
}
