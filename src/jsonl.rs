//! Reading JSON Lines input, as the CLI does: lines of bounded length (a
//! longer one is skipped and reported, never held in memory) and records
//! `{"id", "text", "date"}`.
//!
//! ```
//! use std::io::Cursor;
//! use gazette::jsonl::{read_line_limited, LineRead};
//! let mut input = Cursor::new(b"{\"text\": \"a\"}\nxxxxxxxxxxxxxxxxxxxx\n".to_vec());
//! let (first, _) = read_line_limited(&mut input, 16).unwrap().unwrap();
//! assert_eq!(first, LineRead::Line(b"{\"text\": \"a\"}".to_vec()));
//! let (second, consumed) = read_line_limited(&mut input, 16).unwrap().unwrap();
//! assert_eq!((second, consumed), (LineRead::TooLong, 21));
//! assert!(read_line_limited(&mut input, 16).unwrap().is_none());
//! ```

use std::io::{self, BufRead, ErrorKind};

/// One input document, or the reason it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The record's id (or a file name or position).
    pub id: String,
    /// Its text, or why there is none.
    pub text: Result<String, String>,
    /// Its date, when it gave one.
    pub date: Option<crate::Date>,
}

/// One line of a JSON Lines stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineRead {
    /// The line's bytes, without its line end.
    Line(Vec<u8>),
    /// The line was longer than allowed; it was skipped to its end.
    TooLong,
}

/// Reads one line (without its newline) of at most `max` bytes; a longer
/// line is skipped to its end and reported as too long. Returns the bytes
/// consumed too.
pub fn read_line_limited(r: &mut dyn BufRead, max: usize) -> io::Result<Option<(LineRead, usize)>> {
    let mut line = Vec::new();
    let mut consumed = 0usize;
    let mut too_long = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if consumed == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(buf.len());
        r.consume(used);
        consumed += used;
        if done.is_some() {
            break;
        }
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some((
        if too_long {
            LineRead::TooLong
        } else {
            LineRead::Line(line)
        },
        consumed,
    )))
}

#[derive(serde::Deserialize)]
struct InRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Parses one JSON Lines record (`at` names it in errors, e.g. `file:line`):
/// an object with a string `text`, an optional `id` (any JSON value; the
/// position when missing) and an optional `date`. A byte order mark before
/// it is skipped.
///
/// ```
/// let r = gazette::jsonl::parse_record("in:1", br#"{"id": 7, "text": "Chile met Peru."}"#);
/// assert_eq!((r.id.as_str(), r.text.as_deref()), ("7", Ok("Chile met Peru.")));
/// let r = gazette::jsonl::parse_record("in:2", b"[1, 2]");
/// assert_eq!(r.text, Err("in:2: not a JSON object".to_string()));
/// ```
pub fn parse_record(at: &str, bytes: &[u8]) -> Record {
    let line = match std::str::from_utf8(bytes) {
        Ok(l) => l,
        Err(e) => {
            return Record {
                date: None,
                id: at.into(),
                text: Err(format!("{at}: not valid UTF-8 at byte {}", e.valid_up_to())),
            }
        }
    };
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if !line.trim_start().starts_with('{') {
        return Record {
            date: None,
            id: at.into(),
            text: Err(format!("{at}: not a JSON object")),
        };
    }
    let rec: InRecord = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            return Record {
                date: None,
                id: at.into(),
                text: Err(format!("{at}: not a JSON object: {e}")),
            }
        }
    };
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => at.to_string(),
    };
    match rec.text {
        Some(text) => Record {
            id,
            text: Ok(text),
            date: rec.date.as_deref().and_then(crate::Date::parse),
        },
        None => Record {
            date: None,
            id,
            text: Err(format!("{at}: no \"text\" field")),
        },
    }
}
