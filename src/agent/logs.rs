//! Reading a task's log for `service logs`: the last lines of `task.log.1` and
//! `task.log`, then (with follow) what the shim appends, across rotations.

use std::{
    io::SeekFrom,
    os::unix::fs::MetadataExt,
    path::{Path, PathBuf},
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncSeekExt},
    sync::mpsc,
};

use super::runtime::shim::Record;

const POLL: Duration = Duration::from_millis(100);

/// Complete lines of `buf` as records (garbage skipped); the unfinished rest stays.
fn take_lines(buf: &mut Vec<u8>) -> Vec<Record> {
    let Some(end) = buf.iter().rposition(|b| *b == b'\n') else {
        return Vec::new();
    };
    let rest = buf.split_off(end + 1);
    let done = std::mem::replace(buf, rest);
    done.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect()
}

async fn read_all(path: &Path) -> Vec<u8> {
    tokio::fs::read(path).await.unwrap_or_default()
}

/// Sends the task's log to `tx`: the last `tail` records (all with `None`), then, with
/// `follow`, new ones as they come until the receiver goes or the task's dir does.
pub async fn send(dir: PathBuf, tail: Option<usize>, follow: bool, tx: mpsc::Sender<Record>) {
    let path = dir.join("task.log");
    // The current file is opened first, so no line falls between reading and following.
    let mut file = tokio::fs::File::open(&path).await.ok();
    let mut old = read_all(&dir.join("task.log.1")).await;
    let mut records = take_lines(&mut old);
    let mut buf = Vec::new();
    if let Some(f) = &mut file {
        let _ = f.read_to_end(&mut buf).await;
    }
    records.extend(take_lines(&mut buf));
    let skip = tail.map_or(0, |n| records.len().saturating_sub(n));
    for r in records.into_iter().skip(skip) {
        if tx.send(r).await.is_err() {
            return;
        }
    }
    if !follow {
        return;
    }
    loop {
        tokio::select! {
            _ = tx.closed() => return,
            _ = tokio::time::sleep(POLL) => {}
        }
        if !dir.exists() {
            return;
        }
        let Some(f) = &mut file else {
            file = tokio::fs::File::open(&path).await.ok();
            continue;
        };
        let _ = f.read_to_end(&mut buf).await;
        // Rotated: finish the old file (read above), continue with the new one.
        let current = tokio::fs::metadata(&path).await.map(|m| m.ino()).ok();
        let mine = f.metadata().await.map(|m| m.ino()).ok();
        if current.is_some() && current != mine {
            file = tokio::fs::File::open(&path).await.ok();
            if let Some(f) = &mut file {
                let _ = f.seek(SeekFrom::Start(0)).await;
                let _ = f.read_to_end(&mut buf).await;
            }
        }
        for r in take_lines(&mut buf) {
            if tx.send(r).await.is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::runtime::shim::LogWriter;

    async fn collect(rx: &mut mpsc::Receiver<Record>, n: usize) -> Vec<String> {
        let mut out = Vec::new();
        while out.len() < n {
            let r = tokio::time::timeout(Duration::from_secs(5), rx.recv())
                .await
                .unwrap()
                .unwrap();
            out.push(r.log.trim_end().to_string());
        }
        out
    }

    #[test]
    fn partial_lines_wait_for_their_end() {
        let mut buf =
            b"{\"log\":\"a\\n\",\"stream\":\"stdout\",\"time\":\"t\"}\n{\"log\":".to_vec();
        let recs = take_lines(&mut buf);
        assert_eq!(recs.len(), 1);
        assert_eq!(buf, b"{\"log\":");
        buf.extend_from_slice(b"\"b\",\"stream\":\"stderr\",\"time\":\"t\"}\nnot json\n");
        let recs = take_lines(&mut buf);
        assert_eq!(recs[0].stream, "stderr");
        assert_eq!(recs.len(), 1, "garbage is skipped");
        assert!(buf.is_empty());
    }

    #[tokio::test]
    async fn tail_then_follow_across_a_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = LogWriter::open(dir.path(), 600).unwrap();
        for i in 0..5 {
            w.write("stdout", format!("old {i}\n").as_bytes()).unwrap();
        }
        let (tx, mut rx) = mpsc::channel(100);
        tokio::spawn(send(dir.path().to_path_buf(), Some(2), true, tx));
        assert_eq!(collect(&mut rx, 2).await, ["old 3", "old 4"]);
        for i in 0..10 {
            w.write("stdout", format!("new {i}\n").as_bytes()).unwrap();
        }
        assert!(dir.path().join("task.log.1").exists(), "rotated meanwhile");
        let got = collect(&mut rx, 10).await;
        assert_eq!(got.first().unwrap(), "new 0");
        assert_eq!(got.last().unwrap(), "new 9");

        let (tx, mut rx) = mpsc::channel(100);
        send(dir.path().to_path_buf(), None, false, tx).await;
        let mut n = 0;
        while rx.recv().await.is_some() {
            n += 1;
        }
        assert!(n >= 10, "both files, no follow: {n}");
    }
}
