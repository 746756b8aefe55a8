//! Pages the readers must refuse, with the line, column and what they expected; and input
//! that must never make them panic.

use super::*;

fn only(diagnostics: &Diagnostics) -> &codegen_spec::diagnostics::Diagnostic {
    assert_eq!(diagnostics.len(), 1, "{diagnostics}");
    diagnostics
        .iter()
        .next()
        .unwrap_or_else(|| panic!("no diagnostic"))
}

#[test]
fn truncated_markdown_pages_are_refused() {
    // After an operation's heading.
    let cut = CURRENT.find("## Create trigger").unwrap_or(0) + "## Create trigger\n\n".len();
    let e = refused(&CURRENT[..cut], MD);
    let e = only(&e);
    assert_eq!(e.file, "p");
    assert_eq!(e.path, "Triggers > Create trigger");
    assert!(
        e.message
            .contains("expected the operation's method and path"),
        "{e}"
    );
    assert_eq!(e.pos.line, pos_of(CURRENT, "## Create trigger").line + 2);

    // Inside an example's JSON.
    let cut = CURRENT
        .find("\"trigger_name\": \"Production Deploy\"")
        .unwrap_or(0);
    let e = refused(&CURRENT[..cut], MD);
    let e = only(&e);
    assert_eq!(
        e.path,
        "Workers Builds > Get latest builds by script IDs > Example > Response"
    );
    assert_eq!(e.pos, pos_of(CURRENT, "```json"));
    assert!(e.message.contains("closing ```"), "{e}");

    // Inside an object's members.
    let cut = CURRENT.find("      - `build_token_name").unwrap_or(0);
    let e = refused(&CURRENT[..cut], MD);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(CURRENT, "- `build_trigger_metadata"));
    assert_eq!(
        e.path,
        "Workers Builds > Get latest builds by script IDs > Returns > result > builds > build_trigger_metadata"
    );
    assert!(
        e.message.contains("announces 14 members but 3 are listed"),
        "{e}"
    );
}

#[test]
fn malformed_items_are_refused() {
    // A code span that is not `name: type`.
    let text = CURRENT.replacen("`account_id: string`", "`account_id string`", 1);
    let e = refused(&text, MD);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(CURRENT, "account_id: string`"));
    assert_eq!(
        e.path,
        "Workers Builds > Get latest builds by script IDs > Path Parameters"
    );
    assert!(e.message.contains("expected `name: type`"), "{e}");

    // A type the grammar does not know, pointed at.
    let text = CURRENT.replacen("`account_id: string`", "`account_id: strng`", 1);
    let e = refused(&text, MD);
    let e = only(&e);
    let at = pos_of(CURRENT, "account_id: string`");
    assert_eq!(
        e.pos,
        Pos {
            line: at.line,
            column: at.column + "account_id: ".len() as u32
        }
    );
    assert!(e.message.contains("expected a type"), "{e}");

    // An item without a code span.
    let text = "# A\n\n## Op\n\n**get** `/x`\n\n### Path Parameters\n\n- account_id: string\n";
    let e = refused(text, MD);
    let e = only(&e);
    assert_eq!(e.pos, Pos { line: 9, column: 1 });
    assert!(e.message.contains("code span"), "{e}");

    // A method line that is not one.
    let text = "# A\n\n## Op\n\n**fetch** `/x`\n";
    let e = refused(text, MD);
    assert_eq!(only(&e).pos, Pos { line: 5, column: 1 });
}

#[test]
fn mismatched_counts_are_refused() {
    // One member more announced than listed.
    let announced = "`result_info: optional object { count, page, per_page, 2 more }`";
    let text = CURRENT.replacen(
        announced,
        "`result_info: optional object { count, page, per_page, 3 more }`",
        1,
    );
    let e = refused(&text, MD);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(CURRENT, &format!("- {announced}")));
    assert!(
        e.message.contains("announces 6 members but 5 are listed"),
        "{e}"
    );

    // One value fewer announced than listed.
    let text = CURRENT.replacen("\"skipped\" or 2 more", "\"skipped\" or 1 more", 1);
    let e = refused(&text, MD);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(CURRENT, "- `build_outcome"));
    assert!(
        e.message.contains("announces 4 values but 5 are listed"),
        "{e}"
    );

    // A member other than the one announced.
    let text = CURRENT.replacen(
        "  - `code: optional number`",
        "  - `coda: optional number`",
        1,
    );
    let e = refused(&text, MD);
    let e = only(&e);
    assert!(e.message.contains("expected the member `code`"), "{e}");

    // The collapsed page: its last announced member missing.
    let announced = "`result_info: optional { count, page, per_page, 2 more }`";
    let text = SUPERSEDED.replacen(
        announced,
        "`result_info: optional { count, page, per_page, 3 more }`",
        1,
    );
    let e = refused(&text, COLLAPSED);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(SUPERSEDED, &format!("- {announced}")));
    assert_eq!(e.pos.line, 1);
    assert!(
        e.message.contains("announces 6 members but 5 are listed"),
        "{e}"
    );
}

#[test]
fn truncated_collapsed_pages_are_refused() {
    // Inside a member list: the page ends before the members announced.
    let cut = SUPERSEDED.find("- `build_token_name").unwrap_or(0);
    let e = refused(&SUPERSEDED[..cut], COLLAPSED);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(SUPERSEDED, "- `build_trigger_metadata"));
    assert!(
        e.message.contains("announces 14 members but 3 are listed"),
        "{e}"
    );

    // Inside a fenced block.
    let cut = SUPERSEDED
        .find("\"trigger_name\": \"Production Deploy\"")
        .unwrap_or(0);
    let e = refused(&SUPERSEDED[..cut], COLLAPSED);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(SUPERSEDED, "```json"));
    assert!(e.message.contains("closing ```"), "{e}");

    // After an operation's heading.
    let cut = SUPERSEDED
        .find("**post** `/accounts/{account_id}/builds/triggers`")
        .unwrap_or(0);
    let e = refused(&SUPERSEDED[..cut], COLLAPSED);
    let e = only(&e);
    assert_eq!(e.path, "Triggers > Create trigger");
    assert!(
        e.message
            .contains("expected the operation's method and path"),
        "{e}"
    );

    // Inside a code span.
    let cut = SUPERSEDED.find("external_script_ids: string").unwrap_or(0) + 5;
    let e = refused(&SUPERSEDED[..cut], COLLAPSED);
    let e = only(&e);
    assert_eq!(e.pos, pos_of(SUPERSEDED, "- `externa"));
    assert!(e.message.contains("closing `"), "{e}");
}

#[test]
fn unterminated_fences_are_refused() {
    let text = "# A\n\n## Op\n\n**get** `/x`\n\n### Example\n\n```http\ncurl https://x/y\n";
    let e = refused(text, MD);
    let e = only(&e);
    assert_eq!(e.pos, Pos { line: 9, column: 1 });
    assert_eq!(e.path, "A > Op > Example");
    let text = "# A ## Op **get** `/x` ### Example ```http curl https://x/y";
    let e = refused(text, COLLAPSED);
    let e = only(&e);
    assert_eq!(
        e.pos,
        Pos {
            line: 1,
            column: 36
        }
    );
    assert_eq!(e.path, "A > Op > Example");
}

/// A little generator of text for the readers to survive.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn text(&mut self, len: usize) -> String {
        const PIECES: [&str; 24] = [
            "# ",
            "## ",
            "### ",
            "#### ",
            "- `",
            "`",
            "```",
            "```json",
            "**get** ",
            "\n",
            "\n\n",
            "  ",
            " ",
            "a: ",
            "optional ",
            "object { ",
            "}",
            " or ",
            "\"x\"",
            "3 more",
            "map[",
            "]",
            "é",
            "array of ",
        ];
        let mut out = String::new();
        for _ in 0..len {
            let piece = PIECES[usize::try_from(self.next()).unwrap_or(0) % PIECES.len()];
            out.push_str(piece);
        }
        out
    }
}

#[test]
fn no_input_panics() {
    let mut inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "#".into(),
        "- `".into(),
        "```".into(),
        "**get** `".into(),
        "# A\n\n## B\n\n**get** `/x`\n\n### Returns\n\n- `a: object { b }`\n\n  - `b: string`\n\n    - `c: string`\n".into(),
        "- ".repeat(5000),
        "> ".repeat(5000),
        format!("# A ## B **get** `/x` ### Returns - `a: {}string`", "array of ".repeat(5000)),
        format!("# A ## B **get** `/x` ### Returns {}", "- `a: { a }` ".repeat(5000)),
        "\u{0}\u{ffff}\u{10ffff}é`#-*".into(),
        "# A\n\n## B\n\n**get** `/x`\n\n### Returns\n\n- `a: { b, 18446744073709551615 more }`\n\n  - `b: string`\n".into(),
        "# A ## B **get** `/x` ### Returns - `a: { b, 18446744073709551615 more }` - `b: string`".into(),
        "# A ## B **get** `/x` ### Returns - `a: \"x\" or 18446744073709551615 more` - `\"x\"`".into(),
    ];
    let mut noise = Noise(7);
    for len in [1, 3, 10, 40, 200] {
        for _ in 0..300 {
            inputs.push(noise.text(len));
        }
    }
    // Random bytes, made text.
    for len in [8, 64, 512] {
        for _ in 0..50 {
            let bytes: Vec<u8> = (0..len).map(|_| (noise.next() & 0xff) as u8).collect();
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    // Every page cut at many places.
    for page in [CURRENT, D1, SUPERSEDED] {
        let step = page.len() / 50;
        let mut cut = 0;
        while cut < page.len() {
            if let Some(prefix) = page.get(..cut) {
                inputs.push(prefix.to_owned());
            }
            cut += step.max(1);
        }
    }
    for input in &inputs {
        for layout in [MD, COLLAPSED] {
            let _ = read("p", input, layout, &Hints::default());
        }
    }
}
