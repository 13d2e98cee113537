use super::*;

#[test]
fn figures_read_as_typed_without_float_noise() {
    assert_eq!(number(12.0), "12");
    assert_eq!(number(0.1 + 0.2), "0.3");
    assert_eq!(number(1_621_624.23), "1621624.23");
    assert_eq!(number(-0.0), "0");
    assert_eq!(number(f64::NAN), "");
}

/// A merged area: its first and last (row, column).
type Area = ((u32, u32), (u32, u32));

fn sheet(cells: &[(u32, u32, &str)], merges: &[Area]) -> Sheet {
    Sheet {
        cells: cells
            .iter()
            .map(|&(r, c, t)| (r, c, t.to_owned()))
            .collect(),
        merges: merges.iter().map(|&(a, b)| Dimensions::new(a, b)).collect(),
    }
}

fn texts(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Para(p) => format!("P:{}", p.text),
            Node::Table(t) => format!(
                "T:{}",
                t.rows
                    .iter()
                    .map(|r| {
                        r.cells
                            .iter()
                            .map(|c| format!("{}{:?}", c.span, c.merge))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        })
        .collect()
}

#[test]
fn merged_cells_become_spans_and_vertical_merges() {
    // A paragraph, a caption merged over three columns (a line of its own, as the text reader
    // takes captions), then a table: a label merged down two rows beside two rows of figures,
    // and a row of one text under it (part of the table only between table rows).
    let s = sheet(
        &[
            (0, 0, "一、总体情况"),
            (2, 0, "表"),
            (3, 0, "左"),
            (3, 1, "a"),
            (3, 2, "1"),
            (4, 1, "b"),
            (4, 2, "2"),
            (5, 0, "注"),
        ],
        &[((2, 0), (2, 2)), ((3, 0), (4, 0))],
    );
    let nodes = sheet_nodes(&s, &|_| false);
    assert_eq!(
        texts(&nodes),
        vec![
            "P:一、总体情况",
            "P:表",
            "T:1Restart,1None,1None|1Continue,1None,1None",
            "P:注"
        ]
    );
}

#[test]
fn merged_areas_beyond_the_cells_and_hostile_ones_are_cut() {
    let s = sheet(
        &[(0, 0, "规章"), (0, 1, "1"), (0, 2, "2")],
        &[((0, 2), (u32::MAX, u32::MAX)), ((0, 0), (0, 0))],
    );
    assert_eq!(
        texts(&sheet_nodes(&s, &|_| false)),
        vec!["T:1None,1None,1None"]
    );
    let far = sheet(&[(0, 0, "a"), (1_000_000, 16_000, "b")], &[]);
    assert!(sheet_nodes(&far, &|_| false).is_empty());
}

#[test]
fn the_sum_breakdown_is_told_by_a_row_of_cell_ids() {
    let importer = Importer::default();
    let ids = [
        "t2_art20_1.rules.issued",
        "t2_art20_1.rules.repealed",
        "t3.new.natural",
    ];
    let row: Vec<(u32, u32, &str)> = ids
        .iter()
        .enumerate()
        .map(|(c, t)| (1, c as u32 + 2, *t))
        .collect();
    assert!(importer.is_sum_matrix(&sheet(&row, &[])));
    assert!(!importer.is_sum_matrix(&sheet(&row[..2], &[])));
}
