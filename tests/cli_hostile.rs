//! Hostile inputs for the command line: broken records inside JSON Lines
//! files, oversized records, paths that cannot be read, `--strict`, a full
//! disk, a pipe closed early, an interrupt. Exit codes (src/bin/gazette.rs):
//! 0 ok, 1 some inputs failed, 2 usage or configuration, 3 output not
//! writable. Whatever happens, every line on standard output is one complete
//! JSON object and nothing on standard error is a panic.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
}

fn spawn(args: &[&str]) -> Child {
    bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gazette")
}

/// Runs gazette with `args`, feeding `stdin`.
fn gazette(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from a thread: gazette may stop reading early.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gazette-cli-hostile-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every output line is one complete JSON object; returns them.
fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    let text = std::str::from_utf8(&out.stdout).expect("output is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "last output line torn: {:?}",
        &text[text.len().saturating_sub(80)..]
    );
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("output line is not complete JSON ({e}): {l:.200}"));
            assert!(v.is_object(), "output line is not an object: {l:.200}");
            v
        })
        .collect()
}

fn ids(out: &Output) -> Vec<String> {
    json_lines(out)
        .iter()
        .map(|d| d["id"].as_str().expect("string id").to_string())
        .collect()
}

fn no_panic(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "panic message on stderr: {err}"
    );
}

const NEWS: &str = "Kenyan President Amani Odera met Japanese Prime Minister Haruto Sato in Tokyo.";

fn record(id: &str, text: &str) -> String {
    serde_json::json!({ "id": id, "text": text }).to_string()
}

#[test]
fn invalid_utf8_lines_inside_jsonl_are_reported_and_the_rest_processed() {
    let dir = scratch("utf8");
    let path = dir.join("mixed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(record("one", NEWS).as_bytes());
    bytes.extend_from_slice(b"\n{\"id\": \"bad\", \"text\": \"Kenya \xff\xfe met\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"trunc\", \"text\": \"caf\xc3\"}\n");
    bytes.extend_from_slice(b"{\"id\": \"sur\", \"text\": \"\xed\xa0\x80\"}\n");
    bytes.extend_from_slice(record("two", "Kenya met Japan.").as_bytes());
    bytes.push(b'\n');
    std::fs::write(&path, bytes).unwrap();
    let out = gazette(&["extract", s(&path)], b"");
    no_panic(&out);
    assert_eq!(ids(&out), ["one", "two"]);
    let err = stderr(&out);
    assert!(
        err.contains("mixed.jsonl:2: not valid UTF-8 at byte 29"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:3: not valid UTF-8"), "{err}");
    assert!(err.contains("mixed.jsonl:4: not valid UTF-8"), "{err}");
    assert!(err.contains("3 input(s) failed"), "{err}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn lines_that_are_not_json_objects_or_lack_text() {
    let dir = scratch("notjson");
    let path = dir.join("x.jsonl");
    let lines = [
        record("a", NEWS),
        "not json at all".into(),
        "{\"id\": \"b\", \"text\": \"unterminated".into(),
        "{\"id\": \"g\", \"text\": \"a\", \"text\": \"b\"}".into(),
        "\"just a string\"".into(),
        "{\"id\": \"c\"}".into(),
        "{\"id\": \"d\", \"text\": null}".into(),
        "{\"id\": \"e\", \"text\": 42}".into(),
        "{\"id\": \"f\", \"text\": [\"Kenya\"]}".into(),
        "{}".into(),
        "   ".into(),
        "".into(),
        "{\"id\": 7, \"text\": \"Japan met Kenya.\", \"extra\": {\"deep\": [1, 2]}}".into(),
        "{\"id\": {\"k\": 1}, \"text\": \"\"}".into(),
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = gazette(&["extract", s(&path)], b"");
    no_panic(&out);
    // Numeric and object ids are written as JSON text; a duplicate "text"
    // field is an error (line 4).
    assert_eq!(ids(&out), ["a", "7", "{\"k\":1}"]);
    let err = stderr(&out);
    for line in [2, 3, 5] {
        assert!(
            err.contains(&format!("x.jsonl:{line}: not a JSON object")),
            "line {line}: {err}"
        );
    }
    for line in [6, 7, 10] {
        assert!(
            err.contains(&format!("x.jsonl:{line}: no \"text\" field")),
            "line {line}: {err}"
        );
    }
    for line in [4, 8, 9] {
        assert!(
            err.contains(&format!("x.jsonl:{line}: ")),
            "line {line}: {err}"
        );
    }
    assert!(err.contains("9 input(s) failed"), "{err}");
    // One line per failure, plus the summary.
    assert_eq!(err.lines().count(), 10, "{err}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn escaped_surrogates_and_nul_in_json_strings() {
    let dir = scratch("surrogates");
    let path = dir.join("s.jsonl");
    let lines = [
        r#"{"id": "pair", "text": "Kenya \ud83d\ude00 met Japan."}"#,
        r#"{"id": "lone-high", "text": "Kenya \ud800 met Japan."}"#,
        r#"{"id": "lone-low", "text": "Kenya \udfff met Japan."}"#,
        r#"{"id": "reversed", "text": "\udc00\ud800"}"#,
        r#"{"id": "high-then-letter", "text": "\ud800A"}"#,
        r#"{"id": "nul", "text": "Kenya\u0000met\u0000Japan \u001b[0m \u2028 \ufeff"}"#,
        r#"{"id": "bad-escape", "text": "\x41 \u12"}"#,
        r#"{"id": "big-escape", "text": "\U0001F600"}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = gazette(&["extract", s(&path)], b"");
    no_panic(&out);
    let docs = json_lines(&out);
    let got: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(got, ["pair", "nul"]);
    // Character offsets count the emoji as one character.
    let kenya_japan: Vec<(u64, u64)> = docs[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap()))
        .collect();
    assert!(kenya_japan.contains(&(12, 17)), "{kenya_japan:?}");
    let err = stderr(&out);
    for line in 2..=5 {
        assert!(
            err.contains(&format!("s.jsonl:{line}: ")),
            "line {line}: {err}"
        );
    }
    assert!(
        err.contains("s.jsonl:7: ") && err.contains("s.jsonl:8: "),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn records_over_max_bytes_are_skipped_and_counted() {
    let dir = scratch("maxbytes");
    let path = dir.join("big.jsonl");
    let long = "Kenya met Japan. ".repeat(200);
    let content = format!(
        "{}\n{}\n{}\r\n{}",
        record("small", "Kenya met Japan."),
        record("long", &long),
        record("small2", "Tokyo."),
        record("long-last-no-newline", &long),
    );
    std::fs::write(&path, content).unwrap();
    let out = gazette(&["extract", "--max-bytes", "200", s(&path)], b"");
    no_panic(&out);
    assert_eq!(ids(&out), ["small", "small2"]);
    let err = stderr(&out);
    assert!(
        err.contains("big.jsonl:2: record over --max-bytes 200"),
        "{err}"
    );
    assert!(
        err.contains("big.jsonl:4: record over --max-bytes 200"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1));

    // A plain-text file and standard input over the limit.
    let txt = dir.join("big.txt");
    std::fs::write(&txt, &long).unwrap();
    let out = gazette(&["extract", "--max-bytes", "100", s(&txt)], b"");
    assert!(stderr(&out).contains("big.txt: document over --max-bytes 100"));
    assert_eq!(out.status.code(), Some(1));
    let out = gazette(&["extract", "--max-bytes", "100"], long.as_bytes());
    assert!(stderr(&out).contains("<stdin>: document over --max-bytes 100"));
    assert_eq!(out.status.code(), Some(1));
    // Exactly at the limit is fine.
    let exact = "Kenya met Japan.";
    let out = gazette(
        &["extract", "--max-bytes", &exact.len().to_string()],
        exact.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn a_directory_path_is_walked_in_name_order() {
    let dir = scratch("dir");
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    std::fs::write(dir.join("b.txt"), "Kenya met Japan.").unwrap();
    std::fs::write(dir.join("a.txt"), NEWS).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "Hidden.").unwrap();
    std::fs::write(dir.join("sub/deeper/c.jsonl"), record("c", "Tokyo.") + "\n").unwrap();
    std::fs::write(dir.join("sub/bad.txt"), b"\xff").unwrap();
    let out = gazette(&["extract", s(&dir)], b"");
    no_panic(&out);
    let got = ids(&out);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].ends_with("a.txt") && got[1].ends_with("b.txt"),
        "{got:?}"
    );
    assert_eq!(got[2], "c");
    let err = stderr(&out);
    assert!(err.contains("bad.txt: not valid UTF-8 at byte 0"), "{err}");
    assert_eq!(out.status.code(), Some(1));
    // An empty directory: nothing to do, nothing wrong.
    let out = gazette(&["extract", s(&dir.join("empty"))], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_and_unreadable_paths_give_one_line_each() {
    let dir = scratch("unreadable");
    let file = dir.join("plain.txt");
    std::fs::write(&file, NEWS).unwrap();
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, NEWS).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).unwrap();
    // root reads a mode-000 file anyway; then it must simply be processed.
    let locked_readable = std::fs::read(&locked).is_ok();
    let below_a_file = file.join("child.txt"); // ENOTDIR
    let missing_jsonl = dir.join("nope.jsonl");
    let missing = dir.join("missing.txt");
    let args = [
        "extract",
        s(&missing),
        s(&below_a_file),
        s(&missing_jsonl),
        "/proc/self/mem", // open succeeds, every read fails (EIO), even for root
        s(&locked),
        s(&file),
    ];
    let out = gazette(&args, b"");
    no_panic(&out);
    let err = stderr(&out);
    assert!(err.contains("missing.txt: No such file"), "{err}");
    assert!(err.contains("child.txt: Not a directory"), "{err}");
    assert!(err.contains("nope.jsonl: No such file"), "{err}");
    assert!(err.contains("/proc/self/mem: "), "{err}");
    let failed = 4 + usize::from(!locked_readable);
    if !locked_readable {
        assert!(err.contains("locked.txt: Permission denied"), "{err}");
    }
    assert!(err.contains(&format!("{failed} input(s) failed")), "{err}");
    assert_eq!(
        err.lines().count(),
        failed + 1,
        "one line per failure: {err}"
    );
    assert_eq!(json_lines(&out).len(), 1 + usize::from(locked_readable));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn strict_stops_at_the_first_failure() {
    let dir = scratch("strict");
    let path = dir.join("s.jsonl");
    let content = [
        record("one", NEWS),
        record("two", "Kenya met Japan."),
        "not json".into(),
        record("four", "Tokyo."),
        "{\"id\": \"five\"}".into(),
    ]
    .join("\n");
    std::fs::write(&path, content).unwrap();
    let later = dir.join("later.txt");
    std::fs::write(&later, "Kenya.").unwrap();
    let out = gazette(&["extract", "--strict", s(&path), s(&later)], b"");
    no_panic(&out);
    assert_eq!(ids(&out), ["one", "two"]);
    let err = stderr(&out);
    assert!(err.contains("s.jsonl:3: not a JSON object"), "{err}");
    assert!(
        !err.contains("s.jsonl:5"),
        "went on after the failure: {err}"
    );
    assert_eq!(out.status.code(), Some(1));
    // Without --strict all the good records come out.
    let out = gazette(&["extract", s(&path), s(&later)], b"");
    assert_eq!(ids(&out).len(), 4);
    assert_eq!(out.status.code(), Some(1));
    // A missing file first: nothing at all is written.
    let out = gazette(&["extract", "--strict", "/no/such.txt", s(&later)], b"");
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn writing_to_dev_full_exits_3_with_one_clear_line() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full");
        return;
    }
    let dir = scratch("full");
    let small = dir.join("small.txt");
    std::fs::write(&small, NEWS).unwrap();
    let big = dir.join("big.jsonl");
    let mut content = String::new();
    for i in 0..3000 {
        content.push_str(&record(&format!("r{i}"), NEWS));
        content.push('\n');
    }
    std::fs::write(&big, content).unwrap();
    // Small output fails at the final flush; big output in the middle.
    for path in [&small, &big] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin()
            .args(["extract", s(path)])
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        no_panic(&out);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("gazette: cannot write the output: ") && err.contains("No space"),
            "{err}"
        );
    }
}

/// A JSON Lines file big enough that its output fills any pipe buffer.
fn big_jsonl(dir: &std::path::Path, records: usize) -> PathBuf {
    let path = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..records {
        writeln!(f, "{}", record(&format!("doc-{i}"), NEWS)).unwrap();
    }
    f.flush().unwrap();
    path
}

#[test]
fn a_pipe_closed_after_one_line_ends_the_run_quietly() {
    let dir = scratch("pipe");
    let big = big_jsonl(&dir, 20_000);
    // As the reader would: take one line, close the pipe.
    let mut child = bin()
        .args(["extract", "--jobs", "2", s(&big)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&first).expect("first line complete");
    assert_eq!(v["id"], "doc-0");
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "", "must exit quietly");
    assert_eq!(out.status.code(), Some(0));

    // The shell pipeline of the issue, exit status of gazette itself.
    let script = format!(
        "set -o pipefail; '{}' extract '{}' 2>'{}' | head -1 >'{}'",
        env!("CARGO_BIN_EXE_gazette"),
        s(&big),
        s(&dir.join("err")),
        s(&dir.join("first")),
    );
    let status = Command::new("bash").args(["-c", &script]).status().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(std::fs::read_to_string(dir.join("err")).unwrap(), "");
    let first = std::fs::read_to_string(dir.join("first")).unwrap();
    assert_eq!(first.lines().count(), 1);
    serde_json::from_str::<serde_json::Value>(first.trim_end()).expect("complete JSON");
}

#[test]
fn an_interrupt_leaves_only_complete_lines() {
    let dir = scratch("sigint");
    let big = big_jsonl(&dir, 40_000);
    let mut child = bin()
        .args(["extract", "--jobs", "1", s(&big)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    no_panic(&out);
    let mut all = first.into_bytes();
    all.extend_from_slice(&rest);
    let whole = Output {
        status: out.status,
        stdout: all,
        stderr: out.stderr,
    };
    let n = json_lines(&whole).len();
    assert!(
        (1..40_000).contains(&n),
        "stopped early with {n} complete lines"
    );
    // The handler finishes the line being written and exits (no death by
    // signal). Today the status is 0, as if the run had finished: see
    // `an_interrupted_run_says_so` below.
    assert!(whole.status.code().is_some(), "{:?}", whole.status);
}

/// Fixed issue (found here first): an interrupted run exits 0 and says nothing, so a script
/// cannot tell a cut-short output from a complete one. Proposed: a line
/// "gazette: interrupted after N documents" and exit status 130.
#[test]
fn an_interrupted_run_says_so() {
    let dir = scratch("sigint2");
    let big = big_jsonl(&dir, 40_000);
    let mut child = bin()
        .args(["extract", "--jobs", "1", s(&big)])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    std::io::copy(&mut stdout, &mut std::io::sink()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
}

/// Fixed issue (found here first): a JSON array line is read as a record, its elements taken
/// positionally as id and text (serde's derived `Deserialize` accepts a
/// sequence for a struct).
#[test]
fn a_json_array_line_is_not_a_record() {
    let out = gazette(
        &["extract", "--input", "jsonl"],
        b"[\"an-id\", \"Kenya met Japan.\"]\n",
    );
    assert!(json_lines(&out).is_empty(), "an array became a record");
    assert!(stderr(&out).contains("<stdin>:1: not a JSON object"));
    assert_eq!(out.status.code(), Some(1));
}

/// Fixed issue (found here first): a byte order mark before JSON Lines on standard input makes
/// auto mode read the whole stream as one text document, silently.
#[test]
fn byte_order_mark_before_jsonl_on_standard_input() {
    let input = format!(
        "\u{feff}{}\n{}\n",
        record("first", NEWS),
        record("second", NEWS)
    );
    let out = gazette(&["extract"], input.as_bytes());
    assert_eq!(ids(&out), ["first", "second"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn standard_input_edge_cases() {
    // Empty input: an empty text document (auto mode sees no '{').
    let out = gazette(&["extract"], b"");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 0);
    // Not UTF-8 on standard input.
    let out = gazette(&["extract"], b"Kenya \xc3\x28 met Japan");
    assert!(stderr(&out).contains("<stdin>: not valid UTF-8 at byte 6"));
    assert_eq!(out.status.code(), Some(1));
    // JSON Lines on standard input with CRLF and blank lines.
    let input = format!(
        "\r\n  {}\r\n\r\n{}\r\nnot json\r\n",
        record("x", NEWS),
        record("y", "Kenya.")
    );
    let out = gazette(&["extract"], input.as_bytes());
    assert_eq!(ids(&out), ["x", "y"]);
    assert!(
        stderr(&out).contains("<stdin>:5: not a JSON object"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
    // NUL bytes and a lone CR in plain text come out as valid JSON.
    let out = gazette(&["extract", "--input", "text"], b"\0Kenya\rmet\0Japan\x1b");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json_lines(&out).len(), 1);
    // A 10 MB single line on standard input.
    let big = "Amani Odera met Haruto Sato in Tokyo and ".repeat(250_000);
    let out = gazette(&["extract", "--input", "text"], big.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn byte_order_mark_before_jsonl() {
    // Editors on Windows start files with a BOM. Today the first line is
    // reported as not JSON and the others are processed: no crash, no loss
    // beyond that line.
    let dir = scratch("bom");
    let path = dir.join("bom.jsonl");
    let content = format!(
        "\u{feff}{}\n{}\n",
        record("first", NEWS),
        record("second", NEWS)
    );
    std::fs::write(&path, content).unwrap();
    let out = gazette(&["extract", s(&path)], b"");
    no_panic(&out);
    let got = ids(&out);
    assert!(got.contains(&"second".to_string()), "{got:?}");
    if !got.contains(&"first".to_string()) {
        assert!(stderr(&out).contains("bom.jsonl:1: "), "{}", stderr(&out));
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let dir = scratch("usage");
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "Zorblat\tBOGUS\n").unwrap();
    let nonutf8 = dir.join("bin.tsv");
    std::fs::write(&nonutf8, b"Z\xff\tPERSON\n").unwrap();
    let lex = dir.join("lex.tsv");
    std::fs::write(&lex, "MEET\tdance\tmet\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["extract", "--gazetteer", s(&bad)],
            "bad.tsv:1: unknown label",
        ),
        (
            vec!["extract", "--gazetteer", s(&nonutf8)],
            "not valid UTF-8",
        ),
        (
            vec!["extract", "--gazetteer", "/no/such.tsv"],
            "/no/such.tsv",
        ),
        (
            vec!["extract", "--relations", s(&lex)],
            "lex.tsv:1: unknown frame",
        ),
        (vec!["extract", "--format", "brat"], "--out-dir"),
        (vec!["extract", "--jobs", "many"], "invalid value"),
        (vec!["extract", "--max-bytes", "-1"], "error"),
        (vec!["extract", "--no-such-flag"], "unexpected argument"),
        (vec!["frobnicate"], "unrecognized subcommand"),
        (
            vec!["eval", "facts", "--gold", "/no/such/gold.jsonl"],
            "gold.jsonl",
        ),
    ];
    for (args, needle) in cases {
        let out = gazette(&args, NEWS.as_bytes());
        no_panic(&out);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} wrote output");
    }
}

/// Runs gazette with output to files, waits at most `secs` seconds, kills
/// it (this test's own child) and returns `None` when it has not ended.
fn run_at_most(args: &[&str], dir: &std::path::Path, secs: u64) -> Option<Output> {
    let (o, e) = (dir.join("stdout"), dir.join("stderr"));
    let mut child = bin()
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&o).unwrap())
        .stderr(std::fs::File::create(&e).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(Output {
                status,
                stdout: std::fs::read(&o).unwrap(),
                stderr: std::fs::read(&e).unwrap(),
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    None
}

/// Fixed issue (found here first): `walk` follows symbolic links to directories with no
/// record of where it has been. One link to "." repeats every file about 40
/// times (until the kernel's ELOOP limit); two links make 2^40 paths, a hang.
#[test]
fn a_symlink_loop_under_a_directory_is_walked_once() {
    let dir = scratch("symlink");
    std::fs::write(dir.join("a.txt"), NEWS).unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    let scratch_out = scratch("symlink-out");
    let out = run_at_most(&["extract", s(&dir)], &scratch_out, 30).expect("ends");
    assert_eq!(json_lines(&out).len(), 1, "each file once");
    std::os::unix::fs::symlink(".", dir.join("loop2")).unwrap();
    let out = run_at_most(&["extract", s(&dir)], &scratch_out, 30).expect("two loops: ends");
    assert_eq!(json_lines(&out).len(), 1, "each file once");
}

/// Fixed issue (found here first): `--max-bytes` is checked against the file's metadata
/// length, which is 0 for FIFOs, devices and /proc files, so such inputs
/// are read whole whatever the limit (`gazette extract /dev/zero` reads
/// until memory runs out; `<(...)` process substitution is unbounded).
#[test]
fn max_bytes_holds_for_files_without_a_length() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until gazette opens the other end.
            if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&fifo) {
                let _ = f.write_all("Kenya met Japan. ".repeat(1000).as_bytes());
            }
        })
    };
    let scratch_out = scratch("fifo-out");
    let out = run_at_most(
        &["extract", "--max-bytes", "1000", s(&fifo)],
        &scratch_out,
        30,
    )
    .expect("ends");
    writer.join().unwrap();
    assert!(
        stderr(&out).contains("document over --max-bytes 1000"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}
