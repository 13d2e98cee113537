use super::*;

fn chars(s: &str) -> Vec<Char> {
    s.chars()
        .enumerate()
        .map(|(i, c)| Char { c, fc: i as u32 })
        .collect()
}

fn texts(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Para(p) => p.text.clone(),
            Node::Table(t) => format!("{} rows", t.rows.len()),
        })
        .collect()
}

#[test]
fn fields_show_their_result_and_rows_end_at_the_marked_paragraph() {
    let s = "一、总体情况\r页\u{13} PAGE \u{14}3\u{15}\r规章\u{7}2\u{7}\u{7}\u{7}";
    // The last 0x07 ends the row; the one before it ends an empty cell.
    let end = s.chars().count() as u32 - 1;
    let marks = Marks {
        paps: vec![Pap {
            start: end,
            end: end + 1,
            row_end: true,
            in_table: true,
            ..Pap::default()
        }],
    };
    let nodes = cut(&chars(s), &marks, &mut Lists::default());
    assert_eq!(texts(&nodes), ["一、总体情况", "页3", "1 rows"]);
    let Some(Node::Table(t)) = nodes.get(2) else {
        panic!("no table")
    };
    assert_eq!(t.rows[0].cells.len(), 3);
}

#[test]
fn cell_definitions_give_spans_and_vertical_merges() {
    // Two cells: 0..100 restarting a vertical merge, 100..300 continuing one.
    let mut op = vec![0, 0, 2];
    for e in [0i16, 100, 300] {
        op.extend(e.to_le_bytes());
    }
    let mut tc = vec![0u8; 20];
    tc[0] = 0x60;
    op.extend(&tc);
    tc[0] = 0x20;
    op.extend(&tc);
    let defs = cell_defs(&op);
    assert_eq!(defs.len(), 2);
    assert_eq!(defs[0].merge, Merge::Restart);
    assert_eq!(defs[1].merge, Merge::Continue);
    let row = make_row(vec![Vec::new(), Vec::new()], &defs, &[0, 100, 200, 300]);
    assert_eq!(row.cells[1].span, 2);
}

#[test]
fn hostile_bytes_are_refused_not_panicked_on() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(4096, 0xFF);
    assert!(read(&doc).is_err());
    assert!(read(b"").is_err());
}

#[test]
fn sprms_tell_the_row_end() {
    assert!(has_sprm(&[0x17, 0x24, 1], &[0x2417]));
    assert!(!has_sprm(&[0x16, 0x24, 1], &[0x2417]));
    assert!(has_sprm(&[0x16, 0x24, 1, 0x17, 0x24, 1], &[0x2417]));
    assert!(!has_sprm(&[0x08, 0xD6, 0xFF, 0xFF], &[0x2417]));
}
