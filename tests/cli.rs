//! The command-line contract: `gazette extract` and `gazette eval`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn gazette(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gazette");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazette-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

const TEXT: &str =
    "Ärztin Amani Odera, Kenya's health minister, met Japanese Prime Minister Haruto Sato.";

#[test]
fn extract_a_text_file_writes_one_json_line_with_character_offsets() {
    let path = tmp("a.txt");
    std::fs::write(&path, TEXT).unwrap();
    let out = gazette(&["extract", path.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["id"], path.to_str().unwrap());
    let chars: Vec<char> = TEXT.chars().collect();
    for e in doc["entities"].as_array().unwrap() {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..t].iter().collect::<String>(),
            e["text"].as_str().unwrap()
        );
        for key in ["label", "canonical", "source"] {
            assert!(e[key].is_string(), "entity field {key}");
        }
    }
    let fact = doc["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["relation"] == "MEET")
        .unwrap();
    assert_eq!(fact["subject"]["canonical"], "Amani Odera");
    assert_eq!(fact["object"]["canonical"], "Haruto Sato");
    for key in [
        "sentence",
        "trigger",
        "rule",
        "attributed_to",
        "negated",
        "modality",
        "role",
        "former",
    ] {
        assert!(fact.get(key).is_some(), "fact field {key}");
    }
}

#[test]
fn jsonl_input_keeps_ids_and_reports_bad_lines_but_goes_on() {
    let path = tmp("b.jsonl");
    std::fs::write(
        &path,
        format!("{{\"id\": \"one\", \"text\": \"{TEXT}\"}}\nnot json\n{{\"id\": 7}}\n{{\"id\": \"two\", \"text\": \"\"}}\n"),
    )
    .unwrap();
    let out = gazette(&["extract", path.to_str().unwrap()], None);
    let ids: Vec<String> = lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["one", "two"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.jsonl:2: not a JSON object"), "{err}");
    assert!(err.contains("b.jsonl:3: no \"text\" field"), "{err}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn missing_and_non_utf8_files_are_named_and_the_others_processed() {
    let bad = tmp("bad.txt");
    std::fs::write(&bad, b"Kenya \xff\xfe met Japan").unwrap();
    let good = tmp("good.txt");
    std::fs::write(&good, TEXT).unwrap();
    let out = gazette(
        &[
            "extract",
            "/no/such/file.txt",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/no/such/file.txt: "), "{err}");
    assert!(
        err.contains(&format!("{}: not valid UTF-8 at byte 6", bad.display())),
        "{err}"
    );
    assert_eq!(lines(&out).len(), 1);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn standard_input_text_and_pretty_format() {
    let out = gazette(&["extract", "--format", "pretty"], Some(TEXT.as_bytes()));
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("MEET       Amani Odera -> Haruto Sato"), "{s}");
    let out = gazette(
        &["extract"],
        Some(b"{\"id\":\"x\",\"text\":\"Chile and Peru signed a pact.\"}\n"),
    );
    assert_eq!(lines(&out)[0]["facts"][0]["relation"], "AGREEMENT");
}

#[test]
fn eval_scores_a_gold_file() {
    let gold = tmp("gold.jsonl");
    let doc = serde_json::json!({
        "id": "g1",
        "text": TEXT,
        "entities": [{"canonical": "Amani Odera", "label": "PERSON", "aliases": ["Odera"]}],
        "facts": [
            {"subject": "Amani Odera", "relation": "MEET", "object": "Haruto Sato"},
            {"subject": "Amani Odera", "relation": "VISIT", "object": "Japan"}
        ]
    });
    std::fs::write(&gold, format!("{doc}\n")).unwrap();
    let out = gazette(
        &[
            "eval",
            "facts",
            "--gold",
            gold.to_str().unwrap(),
            "--errors",
        ],
        None,
    );
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("FN g1\tVISIT\tAmani Odera -> Japan"), "{s}");
    assert!(s.lines().last().unwrap().starts_with("overall P "), "{s}");
    assert!(s.contains("R 0.500"), "{s}");
}

#[test]
fn unreadable_gold_file_is_a_clear_error() {
    let out = gazette(&["eval", "ner", "--gold", "/no/gold.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("gazette: /no/gold.jsonl: "));
}
