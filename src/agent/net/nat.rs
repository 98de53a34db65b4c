//! Egress for tasks: masquerade of the gateway bridge's subnet out of every other
//! interface, in an nftables table of shoal's own (`ip shoal`), through the `nftables`
//! crate (which drives `nft -j`). Like Docker's rule for `docker_gwbridge`.

use std::{borrow::Cow, net::Ipv4Addr};

use nftables::{
    batch::Batch,
    expr::{Expression, Meta, MetaKey, NamedExpression, Payload, PayloadField, Prefix},
    helper,
    schema::{Chain, FlushObject, NfCmd, NfListObject, Rule, Table},
    stmt::{Match, Operator, Statement},
    types::{NfChainType, NfFamily, NfHook},
};

use super::NetError;

pub const TABLE: &str = "shoal";
const CHAIN: &str = "postrouting";

fn table() -> Table<'static> {
    Table {
        family: NfFamily::IP,
        name: TABLE.into(),
        handle: None,
    }
}

fn chain() -> Chain<'static> {
    Chain {
        family: NfFamily::IP,
        table: TABLE.into(),
        name: CHAIN.into(),
        _type: Some(NfChainType::NAT),
        hook: Some(NfHook::Postrouting),
        prio: Some(100),
        ..Default::default()
    }
}

/// `ip saddr SUBNET oifname != BRIDGE masquerade`, replacing whatever the chain held.
pub fn apply(subnet: Ipv4Addr, prefix: u8, bridge: &str) -> Result<(), NetError> {
    let mut batch = Batch::new();
    batch.add(NfListObject::Table(table()));
    batch.add(NfListObject::Chain(chain()));
    batch.add_cmd(NfCmd::Flush(FlushObject::Chain(chain())));
    let expr = vec![
        Statement::Match(Match {
            left: Expression::Named(NamedExpression::Payload(Payload::PayloadField(
                PayloadField {
                    protocol: "ip".into(),
                    field: "saddr".into(),
                },
            ))),
            right: Expression::Named(NamedExpression::Prefix(Prefix {
                addr: Box::new(Expression::String(subnet.to_string().into())),
                len: u32::from(prefix),
            })),
            op: Operator::EQ,
        }),
        Statement::Match(Match {
            left: Expression::Named(NamedExpression::Meta(Meta {
                key: MetaKey::Oifname,
            })),
            right: Expression::String(bridge.to_string().into()),
            op: Operator::NEQ,
        }),
        Statement::Masquerade(None),
    ];
    batch.add(NfListObject::Rule(Rule {
        family: NfFamily::IP,
        table: TABLE.into(),
        chain: CHAIN.into(),
        expr: Cow::Owned(expr),
        ..Default::default()
    }));
    helper::apply_ruleset(&batch.to_nftables())
        .map_err(|e| NetError::Kernel(format!("cannot program nftables (masquerade): {e}")))
}

/// Removes shoal's table, if there is one.
pub fn remove() -> Result<(), NetError> {
    if present_text().is_none_or(|t| t.is_empty()) {
        return Ok(());
    }
    let mut batch = Batch::new();
    batch.delete(NfListObject::Table(table()));
    helper::apply_ruleset(&batch.to_nftables())
        .map_err(|e| NetError::Kernel(format!("cannot remove the nftables table: {e}")))
}

/// `nft list table ip shoal`, or None when there is no such table.
fn present_text() -> Option<String> {
    let out = std::process::Command::new("nft")
        .args(["list", "table", "ip", TABLE])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Whether the masquerade rule for `subnet` is in place.
pub fn present(subnet: Ipv4Addr, prefix: u8) -> bool {
    present_text().is_some_and(|t| {
        t.contains(&format!("ip saddr {subnet}/{prefix}")) && t.contains("masquerade")
    })
}
