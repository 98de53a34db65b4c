//! How results are printed, the same way for every command: Docker-style tables
//! (no borders, columns three spaces apart), `-q` IDs, JSON for `inspect`, and
//! `--format` with Go templates (`table`, `json`, `table TEMPLATE` or `TEMPLATE`).

use std::{collections::BTreeMap, fmt::Write as _, sync::Arc};

use anyhow::{Context as _, Result, anyhow};
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use gotmpl::{Template, Value};
use serde::Serialize;

/// Renders rows under headers the way `docker ... ls` does.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(headers.to_vec());
    for row in rows {
        t.add_row(row.clone());
    }
    let last = headers.len().saturating_sub(1);
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i == last { 0 } else { 3 }));
        col.set_cell_alignment(CellAlignment::Left);
    }
    let mut out = String::new();
    for line in t.lines() {
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// `ready` -> `Ready`: Docker's tables capitalise states.
pub fn title(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A `--format` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// The command's default table.
    Table,
    /// One JSON object per line.
    Json,
    /// A template per item, under a header made from the same template.
    TableTemplate(String),
    /// A template per item, no header.
    Template(String),
}

impl Format {
    pub fn parse(s: Option<&str>) -> Format {
        match s.map(str::trim) {
            None | Some("") | Some("table") => Format::Table,
            Some("json") => Format::Json,
            Some(t) => match t.strip_prefix("table ") {
                Some(rest) => Format::TableTemplate(rest.to_string()),
                None => Format::Template(t.to_string()),
            },
        }
    }
}

/// One thing a list command prints: its serialised fields (for templates and JSON)
/// and its default table row.
pub trait Row: Serialize {
    const HEADERS: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

/// Prints `items` in `format`.
pub fn list<T: Row>(items: &[T], format: &Format) -> Result<String> {
    match format {
        Format::Table => {
            let rows: Vec<Vec<String>> = items.iter().map(Row::cells).collect();
            Ok(table(T::HEADERS, &rows))
        }
        Format::Json => {
            let mut out = String::new();
            for item in items {
                writeln!(out, "{}", serde_json::to_string(item)?)?;
            }
            Ok(out)
        }
        Format::Template(src) => {
            let tmpl = template(src)?;
            let mut out = String::new();
            for item in items {
                writeln!(out, "{}", render(&tmpl, item)?)?;
            }
            Ok(out)
        }
        Format::TableTemplate(src) => {
            let tmpl = template(src)?;
            let mut lines = vec![header_line(&tmpl, items.first())?];
            for item in items {
                lines.push(render(&tmpl, item)?);
            }
            Ok(align_tabs(&lines))
        }
    }
}

/// `inspect` output: a JSON array (4-space indent, like Docker), or the template
/// applied to each item.
pub fn inspect<T: Serialize>(items: &[T], format: Option<&str>) -> Result<String> {
    match format.map(str::trim).filter(|f| !f.is_empty()) {
        None | Some("json") => {
            let mut buf = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
            items.serialize(&mut ser)?;
            Ok(format!("{}\n", String::from_utf8(buf)?))
        }
        Some(src) => {
            let tmpl = template(src)?;
            let mut out = String::new();
            for item in items {
                writeln!(out, "{}", render(&tmpl, item)?)?;
            }
            Ok(out)
        }
    }
}

/// Parses a Go template with Docker's extra functions (`json`, `upper`, `lower`, ...).
pub fn template(src: &str) -> Result<Template> {
    let src = src.replace("\\t", "\t").replace("\\n", "\n");
    Template::new("format")
        .missing_key(gotmpl::MissingKey::Error)
        .func("json", |args| {
            let v = args.first().map(to_json).unwrap_or(serde_json::Value::Null);
            Ok(Value::String(Arc::from(in_original_order(&v).to_string())))
        })
        .func("upper", |args| {
            Ok(Value::String(Arc::from(arg_str(args).to_uppercase())))
        })
        .func("lower", |args| {
            Ok(Value::String(Arc::from(arg_str(args).to_lowercase())))
        })
        .func("join", |args| {
            let sep = args.get(1).map(|v| v.to_string()).unwrap_or_default();
            let parts: Vec<String> = match args.first() {
                Some(Value::List(l)) => l.iter().map(|v| v.to_string()).collect(),
                Some(v) => vec![v.to_string()],
                None => vec![],
            };
            Ok(Value::String(Arc::from(parts.join(&sep))))
        })
        .parse(&src)
        .map_err(|e| anyhow!("invalid --format template: {e}"))
}

fn arg_str(args: &[Value]) -> String {
    args.first().map(|v| v.to_string()).unwrap_or_default()
}

thread_local! {
    /// The item being rendered, as JSON in its fields' declared order. Template values
    /// are sorted maps, so `json` looks its argument up here to print fields in the
    /// order Docker does (`{"NetworkID":...,"Addr":...}`).
    static CURRENT: std::cell::RefCell<serde_json::Value> = const { std::cell::RefCell::new(serde_json::Value::Null) };
}

fn render<T: Serialize>(tmpl: &Template, item: &T) -> Result<String> {
    let value = gotmpl::to_value(item).map_err(|e| anyhow!("cannot format: {e}"))?;
    CURRENT.with(|c| *c.borrow_mut() = serde_json::to_value(item).unwrap_or_default());
    tmpl.execute_to_string(&value)
        .map_err(|e| anyhow!("--format: {e}"))
}

/// The node of the current item equal to `v` (ignoring key order), else `v` itself.
fn in_original_order(v: &serde_json::Value) -> serde_json::Value {
    fn find<'a>(
        node: &'a serde_json::Value,
        want: &serde_json::Value,
    ) -> Option<&'a serde_json::Value> {
        if node == want {
            return Some(node);
        }
        match node {
            serde_json::Value::Object(m) => m.values().find_map(|x| find(x, want)),
            serde_json::Value::Array(a) => a.iter().find_map(|x| find(x, want)),
            _ => None,
        }
    }
    CURRENT
        .with(|c| find(&c.borrow(), v).cloned())
        .unwrap_or_else(|| v.clone())
}

/// Docker's trick for `table` templates: run the template over a map whose every
/// field holds its own name in capitals (`.Name` -> `NAME`).
fn header_line<T: Serialize>(tmpl: &Template, sample: Option<&T>) -> Result<String> {
    let fields: Vec<String> = match sample.map(serde_json::to_value).transpose()? {
        Some(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let header: BTreeMap<Arc<str>, Value> = fields
        .iter()
        .map(|f| {
            (
                Arc::from(f.as_str()),
                Value::String(Arc::from(header_name(f))),
            )
        })
        .collect();
    tmpl.execute_to_string(&Value::Map(Arc::new(header)))
        .context("--format: cannot render the table header")
}

/// `CreatedAt` -> `CREATED AT`.
fn header_name(field: &str) -> String {
    let mut out = String::new();
    for (i, c) in field.chars().enumerate() {
        if i > 0 && c.is_uppercase() {
            out.push(' ');
        }
        out.extend(c.to_uppercase());
    }
    out
}

/// Aligns tab-separated columns, three spaces apart (Go's tabwriter as Docker sets it).
fn align_tabs(lines: &[String]) -> String {
    let split: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let ncols = split.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..ncols)
        .map(|c| {
            split
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in split {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 3));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Nil | Value::Function(_) => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Uint(u) => J::from(*u),
        Value::Float(f) => J::from(*f),
        Value::String(s) => J::String(s.to_string()),
        Value::List(l) => J::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => J::Object(m.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Net {
        name: String,
        driver: String,
        labels: BTreeMap<String, String>,
    }

    impl Row for Net {
        const HEADERS: &'static [&'static str] = &["NAME", "DRIVER"];
        fn cells(&self) -> Vec<String> {
            vec![self.name.clone(), self.driver.clone()]
        }
    }

    fn nets() -> Vec<Net> {
        vec![
            Net {
                name: "my-network".into(),
                driver: "overlay".into(),
                labels: BTreeMap::new(),
            },
            Net {
                name: "b".into(),
                driver: "overlay".into(),
                labels: [("env".to_string(), "prod".to_string())].into(),
            },
        ]
    }

    #[test]
    fn tables_align_like_docker() {
        let out = list(&nets(), &Format::Table).unwrap();
        assert_eq!(
            out,
            "NAME         DRIVER\nmy-network   overlay\nb            overlay\n"
        );
    }

    #[test]
    fn templates_and_json() {
        let out = list(&nets(), &Format::parse(Some("{{.Name}}:{{json .Labels}}"))).unwrap();
        assert_eq!(out, "my-network:{}\nb:{\"env\":\"prod\"}\n");
        let out = list(&nets(), &Format::parse(Some("json"))).unwrap();
        assert!(out.starts_with("{\"Name\":\"my-network\""), "{out}");
        let out = list(
            &nets(),
            &Format::parse(Some("table {{.Name}}\\t{{.Driver}}")),
        )
        .unwrap();
        assert_eq!(
            out,
            "NAME         DRIVER\nmy-network   overlay\nb            overlay\n"
        );
        assert!(list(&nets(), &Format::parse(Some("{{.Name"))).is_err());
    }

    #[test]
    fn inspect_is_a_json_array_with_four_space_indent() {
        let out = inspect(&nets()[..1], None).unwrap();
        assert!(
            out.starts_with("[\n    {\n        \"Name\": \"my-network\""),
            "{out}"
        );
        assert_eq!(
            inspect(&nets(), Some("{{.Driver}}")).unwrap(),
            "overlay\noverlay\n"
        );
    }

    #[test]
    fn header_names_split_words() {
        assert_eq!(header_name("CreatedAt"), "CREATED AT");
        assert_eq!(header_name("Name"), "NAME");
    }
}
