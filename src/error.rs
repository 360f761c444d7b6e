//! The one error type of the crate.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error building an [`Extractor`](crate::Extractor) or reading a data file.
///
/// Extraction itself never fails; errors come from user-supplied gazetteer
/// files and relation lexicons, and from I/O. For a malformed file the error
/// names the file, the line and the reason.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Parse {
        file: String,
        line: usize,
        reason: String,
    },
    Rule {
        rule: String,
        reason: String,
    },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    pub(crate) fn parse(file: &str, line: usize, reason: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Parse {
                file: file.to_string(),
                line,
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn rule(rule: &str, reason: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Rule {
                rule: rule.to_string(),
                reason: reason.into(),
            },
        }
    }

    /// The file the error is about, when there is one.
    pub fn file(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Io { path, .. } => path.to_str(),
            ErrorKind::Parse { file, .. } => Some(file),
            ErrorKind::Rule { .. } => None,
        }
    }

    /// The 1-based line of a malformed file, when there is one.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Parse { line, .. } => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            ErrorKind::Parse { file, line, reason } => write!(f, "{file}:{line}: {reason}"),
            ErrorKind::Rule { rule, reason } => write!(f, "rule {rule}: {reason}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
