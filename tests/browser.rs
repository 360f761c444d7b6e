//! The HTML and graph pages in a real browser: renders a sample article,
//! loads both pages in headless Chromium (Debian's `chromium`), takes a
//! screenshot of each and checks from the page's DOM that every entity and
//! every fact is shown.
//!
//! Without `/usr/bin/chromium` (or the browser named by `GAZETTE_CHROMIUM`)
//! the test says so and passes, except under CI (the `CI` variable set),
//! where it fails. `GAZETTE_SCREENSHOTS=docs` also copies the screenshots
//! to `docs/html-view.png` and `docs/graph-view.png`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gazette::output::{graph::Graph, html, AnnotatedDocument};
use gazette::Extractor;
use regex::Regex;

const CHROMIUM: &str = "/usr/bin/chromium";
const WINDOW: (u32, u32) = (1280, 1600);
const TIMEOUT: Duration = Duration::from_secs(90);

/// A wire story in the shape of the seed article: headline, dateline, a
/// meeting reported by a news agency, roles, cooperation, an alleged
/// supply, an agreement, a former office, a planned visit, criticism and a
/// denial.
const ARTICLE: &str = "\
Norway's Berg meets Vietnam's Tran, vows deeper energy cooperation, Reuters says
OSLO, May 12 (Reuters) - Norwegian Prime Minister Ingrid Berg met Vietnamese President Tran Van Minh in Oslo on Thursday and discussed offshore wind and shipping, Reuters said.
Berg said Norway will continue to expand cooperation with Vietnam in clean energy, Reuters reported.
Analysts in Tokyo say that Vietnam is supplying rare earths to Norway in return for turbine technology.
Oslo and Hanoi signed a maritime agreement at a summit in March.
Tran, previously Vietnam's trade minister, will visit Bergen on Friday.
China criticised Norway over the deal, but Norway has not supplied arms to Vietnam, the Norwegian Foreign Ministry said.
";

/// The browser, or `None` (after saying why) when the test should skip.
fn chromium() -> Option<PathBuf> {
    let path =
        std::env::var_os("GAZETTE_CHROMIUM").map_or_else(|| PathBuf::from(CHROMIUM), PathBuf::from);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} not found: CI must run the browser test; install Debian's chromium package \
         (apt-get install -y chromium) or set GAZETTE_CHROMIUM",
        path.display()
    );
    // Straight to stderr, past the test harness's capture, so the skip shows.
    let _ = writeln!(
        std::io::stderr(),
        "browser test SKIPPED: {} not found (install it with `apt-get install -y chromium`, \
         or set GAZETTE_CHROMIUM; with CI set this is a failure)",
        path.display()
    );
    None
}

/// Loads `page` in headless Chromium with `args` added; returns stdout.
fn run_chromium(browser: &Path, work: &Path, page: &Path, args: &[String]) -> String {
    let url = format!("file://{}", page.display()).replace(' ', "%20");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("chromium {args:?} took more than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "chromium {args:?} failed: {status}");
    reader.join().unwrap().expect("chromium's output is UTF-8")
}

/// Takes a screenshot of `page` and checks it is a real picture of the
/// window; returns the DOM after the page's scripts ran.
fn render(browser: &Path, work: &Path, page: &Path, png: &Path) -> String {
    run_chromium(
        browser,
        work,
        page,
        &[format!("--screenshot={}", png.display())],
    );
    let bytes =
        std::fs::read(png).unwrap_or_else(|e| panic!("no screenshot {}: {e}", png.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is a PNG",
        png.display()
    );
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), WINDOW, "screenshot size");
    // A blank or nearly blank window compresses to a few kilobytes.
    assert!(
        bytes.len() > 40_000,
        "{} looks empty: {} bytes",
        png.display(),
        bytes.len()
    );
    run_chromium(browser, work, page, &["--dump-dom".to_string()])
}

/// Undoes the escaping of serialised DOM text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Every match of `re` in `dom`, as its capture groups, unescaped.
fn captures(re: &str, dom: &str) -> Vec<Vec<String>> {
    Regex::new(re)
        .unwrap()
        .captures_iter(dom)
        .map(|c| {
            c.iter()
                .skip(1)
                .map(|g| unescape(g.unwrap().as_str()))
                .collect()
        })
        .collect()
}

#[test]
fn pages_show_every_entity_and_fact_in_chromium() {
    let Some(browser) = chromium() else { return };
    let work =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();

    let extractor = Extractor::default();
    let doc = AnnotatedDocument::new("reuters/oslo-hanoi", &extractor.extract(ARTICLE));
    let docs = [doc];
    let rec = docs[0].record();
    assert!(
        rec.entities.len() >= 20 && rec.facts.len() >= 8,
        "the sample should give plenty to show"
    );
    let graph = Graph::new(&docs);
    let html_page = work.join("gazette.html");
    let graph_page = work.join("gazette-graph.html");
    std::fs::write(&html_page, html::render(&docs)).unwrap();
    std::fs::write(&graph_page, graph.to_html()).unwrap();

    // # The document view: every entity highlighted, every fact listed.
    let dom = render(&browser, &work, &html_page, &work.join("html-view.png"));
    let shown: Vec<(String, String)> =
        captures(r#"<mark class="ent l-([A-Z]+)"[^>]*>([^<]*)</mark>"#, &dom)
            .into_iter()
            .map(|c| (c[0].clone(), c[1].clone()))
            .collect();
    let expected: Vec<(String, String)> = rec
        .entities
        .iter()
        .map(|e| (e.label.to_string(), e.text.clone()))
        .collect();
    assert_eq!(shown, expected, "entities in the DOM");
    let arg = r#"<span class="arg l-[A-Z]+" title="[^"]*">([^<]*)</span>"#;
    let sep = r#"<span class="sep">—</span>"#;
    let facts = captures(
        &format!(
            r#"<li class="fact[^"]*">{arg}{sep}<span class="rel r-[A-Z]+">([A-Z]+)</span>{sep}{arg}"#
        ),
        &dom,
    );
    let expected: Vec<Vec<String>> = rec
        .facts
        .iter()
        .map(|f| {
            vec![
                f.subject.canonical.clone(),
                f.relation.to_string(),
                f.object.canonical.clone(),
            ]
        })
        .collect();
    assert_eq!(facts, expected, "facts in the DOM");
    let triggers: Vec<String> = captures(r#"<mark class="trig">([^<]*)</mark>"#, &dom).concat();
    let expected: Vec<String> = rec.facts.iter().map(|f| f.trigger.text.clone()).collect();
    assert_eq!(triggers, expected, "evidence triggers in the DOM");

    // # The graph: every entity of a fact drawn, every edge drawn and listed.
    let dom = render(&browser, &work, &graph_page, &work.join("graph-view.png"));
    let mut drawn: Vec<String> = captures(
        r#"(?s)<g class="node"[^>]*>.*?<text[^>]*>([^<]*)</text></g>"#,
        &dom,
    )
    .concat();
    drawn.sort();
    let mut names: Vec<String> = rec
        .facts
        .iter()
        .flat_map(|f| [f.subject.canonical.clone(), f.object.canonical.clone()])
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(drawn, names, "nodes in the SVG");
    assert_eq!(
        dom.matches("<g class=\"edge\"").count(),
        graph.edges.len(),
        "edges in the SVG"
    );
    let rows = captures(
        r#"<tr><td><span class="arg l-[A-Z]+">([^<]*)</span></td><td><span class="rel r-[A-Z]+">([A-Z]+)</span></td><td><span class="arg l-[A-Z]+">([^<]*)</span></td><td>(\d+)"#,
        &dom,
    );
    for f in &rec.facts {
        let (mut s, mut o) = (&f.subject.canonical, &f.object.canonical);
        if f.relation.is_symmetric() && o < s {
            std::mem::swap(&mut s, &mut o);
        }
        assert!(
            rows.iter()
                .any(|r| (&r[0], r[1].as_str(), &r[2]) == (s, f.relation.as_str(), o)),
            "fact {s} {} {o} in the edge table",
            f.relation
        );
    }
    let counted: usize = rows.iter().map(|r| r[3].parse::<usize>().unwrap()).sum();
    assert_eq!(counted, rec.facts.len(), "edge counts add up to the facts");

    if let Some(dir) = std::env::var_os("GAZETTE_SCREENSHOTS") {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        std::fs::create_dir_all(&dir).unwrap();
        for view in ["html-view.png", "graph-view.png"] {
            std::fs::copy(work.join(view), dir.join(view)).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}
