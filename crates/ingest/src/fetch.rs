//! Getting the corpus the way a user does: the archive of the publisher's default branch, unpacked
//! into a cache folder. The new copy is unpacked beside the old one and swapped in only when complete.
//! The published vendor list is fetched the same way: the commit of its default branch, then its
//! `vendors.csv` at that commit, so that every row it gives can be cited at the commit.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::ReadError;

/// The archive of the default branch of the publisher's repository.
pub const CAAT_ARCHIVE_URL: &str =
    "https://github.com/caatdata/arms-and-security-fair-exhibitors/archive/HEAD.tar.gz";

/// Asked with `Accept: application/vnd.github.sha`, the commit of the list's default branch.
pub const VENDOR_LIST_COMMIT_URL: &str =
    "https://api.github.com/repos/digitalfreedom/data-vendors/commits/HEAD";

/// Downloads the vendor list's `vendors.csv` at the commit its default branch is at into `dest`.
pub fn download_vendor_list(dest: &Path) -> Result<PathBuf, ReadError> {
    let fail = |from: &str, message: String| ReadError::Fetch {
        from: from.to_owned(),
        message,
    };
    let commit = ureq::get(VENDOR_LIST_COMMIT_URL)
        .header("Accept", "application/vnd.github.sha")
        .call()
        .and_then(|r| r.into_body().read_to_string())
        .map_err(|e| fail(VENDOR_LIST_COMMIT_URL, e.to_string()))?;
    let commit = commit.trim();
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(fail(
            VENDOR_LIST_COMMIT_URL,
            format!("not a commit id: {commit:.60?}"),
        ));
    }
    let url = format!("https://raw.githubusercontent.com/digitalfreedom/data-vendors/{commit}/vendors.csv");
    let csv = ureq::get(&url)
        .call()
        .and_then(|r| r.into_body().read_to_string())
        .map_err(|e| fail(&url, e.to_string()))?;
    save_vendor_list(&csv, commit, &url, dest)
}

/// Writes a fetched `vendors.csv` and a `SOURCE.txt` naming its commit into `dest`, replacing what
/// was there only once both are written.
pub fn save_vendor_list(csv: &str, commit: &str, from: &str, dest: &Path) -> Result<PathBuf, ReadError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReadError::Io { path, source }
    };
    fs::create_dir_all(dest).map_err(io_err(dest))?;
    let note = format!("Surveillance vendors (digitalfreedom/data-vendors)\nfrom: {from}\ncommit {commit}\n");
    for (name, body) in [("SOURCE.txt", note.as_str()), ("vendors.csv", csv)] {
        let target = dest.join(name);
        let staging = dest.join(format!(".{name}.partial-{}", std::process::id()));
        fs::write(&staging, body).map_err(io_err(&staging))?;
        fs::rename(&staging, &target).map_err(io_err(&target))?;
    }
    Ok(dest.join("vendors.csv"))
}

/// What was fetched.
#[derive(Debug)]
pub struct Fetched {
    pub dir: PathBuf,
    pub files: usize,
}

/// Downloads `url` (a `.tar.gz`) and unpacks its fair files into `dest`.
pub fn download_corpus(url: &str, dest: &Path) -> Result<Fetched, ReadError> {
    let fail = |message: String| ReadError::Fetch {
        from: url.to_owned(),
        message,
    };
    let response = ureq::get(url).call().map_err(|e| fail(e.to_string()))?;
    let reader = response.into_body().into_reader();
    unpack_corpus(reader, dest, url).map_err(|e| match e {
        ReadError::Fetch { message, .. } => fail(message),
        other => other,
    })
}

/// Unpacks a local archive file (as downloaded by hand from the publisher) into `dest`.
pub fn unpack_corpus_file(archive: &Path, dest: &Path) -> Result<Fetched, ReadError> {
    let file = fs::File::open(archive).map_err(|source| ReadError::Io {
        path: archive.to_path_buf(),
        source,
    })?;
    unpack_corpus(file, dest, &archive.display().to_string())
}

/// Keeps `data/*.json` and `fair.schema.json` of a `.tar.gz` of the repository (whose entries sit
/// under one top folder), writes a `SOURCE.txt` naming where they came from, and replaces `dest`.
pub fn unpack_corpus(archive: impl Read, dest: &Path, from: &str) -> Result<Fetched, ReadError> {
    let fail = |message: String| ReadError::Fetch {
        from: from.to_owned(),
        message,
    };
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ReadError::Io { path, source }
    };
    let parent = dest.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let staging = parent.join(format!(
        ".{}.partial-{}",
        dest.file_name().map_or("corpus".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(staging.join("data")).map_err(io_err(&staging))?;

    let result = (|| {
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(archive));
        let mut files = 0;
        for entry in tar.entries().map_err(|e| fail(e.to_string()))? {
            let mut entry = entry.map_err(|e| fail(e.to_string()))?;
            let path = entry.path().map_err(|e| fail(e.to_string()))?.into_owned();
            let Some(target) = corpus_target(&path) else {
                continue;
            };
            let out = staging.join(&target);
            let mut bytes = Vec::with_capacity(entry.size() as usize);
            entry.read_to_end(&mut bytes).map_err(|e| fail(e.to_string()))?;
            fs::write(&out, bytes).map_err(io_err(&out))?;
            files += usize::from(target.starts_with("data"));
        }
        if files == 0 {
            return Err(fail("the archive holds no data/*.json fair files".into()));
        }
        let note = format!(
            "Arms & Security Fair Exhibitor Data (CAAT / Omega Research Foundation)\nfrom: {from}\nfair files: {files}\n"
        );
        fs::write(staging.join("SOURCE.txt"), note).map_err(io_err(&staging))?;
        Ok(files)
    })();
    let files = match result {
        Ok(files) => files,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let old = parent.join(format!(
        ".{}.old-{}",
        dest.file_name().map_or("corpus".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    if dest.exists() {
        fs::rename(dest, &old).map_err(io_err(dest))?;
    }
    fs::rename(&staging, dest).map_err(io_err(dest))?;
    let _ = fs::remove_dir_all(&old);
    Ok(Fetched {
        dir: dest.to_path_buf(),
        files,
    })
}

/// Where an archive entry goes in the cache, if it is one fairwatch keeps. Entries that would
/// escape the folder (`..`, absolute paths) are never kept.
fn corpus_target(path: &Path) -> Option<PathBuf> {
    let parts: Vec<&str> = path
        .components()
        .map(|c| match c {
            Component::Normal(p) => p.to_str(),
            _ => None,
        })
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        [_, "fair.schema.json"] => Some(PathBuf::from("fair.schema.json")),
        [_, "data", file] if file.ends_with(".json") => Some(Path::new("data").join(file)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn archive(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(Vec::new(), Default::default()));
        for (path, body) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_size(body.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, path, body.as_bytes()).unwrap();
        }
        builder.into_inner().unwrap().finish().unwrap()
    }

    #[test]
    fn a_saved_vendor_list_is_read_back_with_its_commit() {
        let dir = tempfile::tempdir().unwrap();
        let commit = "cd15c69e76aedb6ca4b244191cafc77a770005d1";
        let csv = "company,website,solution,country\nAcme,,Trojans,DE\n";
        save_vendor_list(csv, commit, "https://example.org/vendors.csv", dir.path()).unwrap();
        let list = crate::read_vendor_list(dir.path()).unwrap();
        assert_eq!(list.commit.as_deref(), Some(commit));
        assert_eq!(list.vendors[0].company, "Acme");
    }

    #[test]
    fn keeps_only_fair_files_and_replaces_the_old_copy() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("caat");
        fs::create_dir_all(dest.join("data")).unwrap();
        fs::write(dest.join("data/stale.json"), "{}").unwrap();
        let bytes = archive(&[
            ("repo-main/README.md", "x"),
            ("repo-main/fair.schema.json", "{}"),
            ("repo-main/data/a-2020.json", "{}"),
            ("repo-main/data/b-2021.json", "{}"),
            ("repo-main/web/site.json", "{}"),
        ]);
        let fetched = unpack_corpus(bytes.as_slice(), &dest, "test").unwrap();
        assert_eq!(fetched.files, 2);
        assert!(dest.join("data/a-2020.json").exists());
        assert!(dest.join("fair.schema.json").exists());
        assert!(!dest.join("data/stale.json").exists());
        assert!(!dest.join("README.md").exists());
    }

    #[test]
    fn a_bad_archive_leaves_the_old_copy() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("caat");
        fs::create_dir_all(dest.join("data")).unwrap();
        fs::write(dest.join("data/kept.json"), "{}").unwrap();
        let err = unpack_corpus(&b"not a gzip"[..], &dest, "test").unwrap_err();
        assert!(matches!(err, ReadError::Fetch { .. }), "{err}");
        assert!(dest.join("data/kept.json").exists());
        let empty = archive(&[("repo/README.md", "x")]);
        assert!(unpack_corpus(empty.as_slice(), &dest, "test").is_err());
        assert!(dest.join("data/kept.json").exists());
    }

    #[test]
    fn never_writes_outside_the_folder() {
        assert_eq!(corpus_target(Path::new("r/data/../../etc.json")), None);
        assert_eq!(corpus_target(Path::new("/r/data/x.json")), None);
        assert_eq!(
            corpus_target(Path::new("r/data/x.json")),
            Some(PathBuf::from("data/x.json"))
        );
    }
}
