//! A set of formats that belong together: the built-in one (every `assets/formats/*.ron`, found at
//! build time) or one a test builds from its own files. Which format a year uses, which one is
//! current, and how a draft of an older format moves into a newer one are questions to a registry.

use std::sync::OnceLock;

use super::compile::{invalid, read_def};
use super::{Format, FormatError};

// `SOURCES`: (file name, text) of every format file, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/formats.rs"));

/// Formats by year: each is used from its `first_year` until the year before the next one's.
#[derive(Debug, Default)]
pub struct Registry {
    /// Newest first.
    formats: Vec<Format>,
}

impl Registry {
    /// Compiles format files, given as (file name, text), into a registry. Each file is named after
    /// its format id (`gb2021.ron`); no two start in the same year; a format runs until the next
    /// one starts; every migration names a format of the set and cells that exist on both sides.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Registry, FormatError> {
        if sources.is_empty() {
            return Err(FormatError::NoFormats);
        }
        let mut compiled = Vec::new();
        for &(file, text) in sources {
            let def = read_def(file, text)?;
            let stem = file.strip_suffix(".ron").unwrap_or(file);
            if stem != def.id {
                return Err(invalid(
                    file,
                    &def.id,
                    format!("文件名应为 {}.ron（与格式 id 相同）", def.id),
                ));
            }
            let (format, migrations) = Format::compile(file, def)?;
            compiled.push((file, format, migrations));
        }
        compiled.sort_by_key(|(_, format, _)| std::cmp::Reverse(format.first_year));
        for pair in compiled.windows(2) {
            let [(_, newer, _), (file, older, _)] = pair else {
                continue;
            };
            if newer.id == older.id {
                return Err(invalid(file, &older.id, "格式 id 与另一个格式文件重复"));
            }
            if newer.first_year == older.first_year {
                return Err(invalid(
                    file,
                    &older.id,
                    format!(
                        "与 {} 的起始年度（{}）相同，无法确定某一年度应使用哪个格式",
                        newer.id, newer.first_year
                    ),
                ));
            }
        }
        let mut next_first: Option<u16> = None;
        for (_, format, _) in &mut compiled {
            format.last_year = next_first.map(|y| y.saturating_sub(1));
            next_first = Some(format.first_year);
        }
        let mut migrations = Vec::new();
        for (file, format, defs) in &compiled {
            let mut resolved = Vec::new();
            for def in defs {
                let old = compiled
                    .iter()
                    .map(|(_, f, _)| f)
                    .find(|f| f.id == def.from)
                    .ok_or_else(|| {
                        invalid(
                            file,
                            &format.id,
                            format!("迁移来源格式 {} 不存在", def.from),
                        )
                    })?;
                let m = format
                    .compile_migration(old, def)
                    .map_err(|p| invalid(file, &format.id, p))?;
                resolved.push(m);
            }
            migrations.push(resolved);
        }
        let formats = compiled
            .into_iter()
            .zip(migrations)
            .map(|((_, mut format, _), m)| {
                format.migrations = m;
                format
            })
            .collect();
        Ok(Registry { formats })
    }

    /// Keeps the registry for the rest of the run, as a report's format must be (`&'static`).
    pub fn leak(self) -> &'static Registry {
        Box::leak(Box::new(self))
    }

    /// Every format, newest first.
    pub fn formats(&self) -> &[Format] {
        &self.formats
    }

    /// Every format, newest first.
    pub fn iter(&self) -> std::slice::Iter<'_, Format> {
        self.formats.iter()
    }

    /// A format by id.
    pub fn by_id(&self, id: &str) -> Option<&Format> {
        self.formats.iter().find(|f| f.id == id)
    }

    /// The format a report for `year` must use.
    pub fn for_year(&self, year: u16) -> Option<&Format> {
        self.formats.iter().find(|f| f.covers(year))
    }

    /// The current format (for new reports): the newest.
    pub fn current(&self) -> Option<&Format> {
        self.formats.first()
    }

    /// The report years a draft may have: from the first year of the oldest format to the last
    /// year of the newest (which has no end of its own, so a century on from its start).
    pub fn supported_years(&self) -> std::ops::RangeInclusive<u16> {
        let first = self.formats.last().map_or(2019, |f| f.first_year);
        let newest = self.formats.first().map_or(first, |f| f.first_year);
        first..=newest.saturating_add(99)
    }

    /// The years a 成文日期 may have: from the first year of the oldest format to a year after the
    /// last year any format supports (a report is signed early in the year after it covers).
    pub fn signature_years(&self) -> std::ops::RangeInclusive<u16> {
        let supported = self.supported_years();
        *supported.start()..=supported.end().saturating_add(1)
    }

    /// Whether `date` can be a report's 成文日期: a real day of one of [`Self::signature_years`].
    /// A draft holding any other is refused when it is opened, so nothing may put one there.
    pub fn is_signature_date(&self, date: crate::model::Date) -> bool {
        self.signature_years().contains(&date.year)
            && crate::model::Date::is_valid_day(date.year, date.month, date.day)
    }

    /// The format ids, oldest last, joined for a message: `gb2021、gb2019`.
    pub fn id_list(&self) -> String {
        let ids: Vec<&str> = self.formats.iter().map(|f| f.id.as_str()).collect();
        ids.join("、")
    }
}

impl<'a> IntoIterator for &'a Registry {
    type Item = &'a Format;
    type IntoIter = std::slice::Iter<'a, Format>;

    fn into_iter(self) -> Self::IntoIter {
        self.formats.iter()
    }
}

/// The format files built into this program, as (file name, text), sorted by file name.
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    SOURCES
}

/// The built-in formats, compiled once. The program calls this at start and stops with the
/// error's (Chinese) text if a built-in format is broken; the tests prove none is.
pub fn load_builtin() -> Result<&'static Registry, &'static FormatError> {
    static BUILTIN: OnceLock<Result<Registry, FormatError>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Registry::from_sources(SOURCES))
        .as_ref()
}

/// The built-in formats, for code that runs after the start-up check of [`load_builtin`]. Should
/// they be broken all the same, this is an empty registry: nothing panics, and no format is found.
pub fn builtin() -> &'static Registry {
    static EMPTY: Registry = Registry {
        formats: Vec::new(),
    };
    load_builtin().unwrap_or(&EMPTY)
}

/// A built-in format by id.
pub fn by_id(id: &str) -> Option<&'static Format> {
    builtin().by_id(id)
}

/// The built-in format a report for `year` must use.
pub fn for_year(year: u16) -> Option<&'static Format> {
    builtin().for_year(year)
}

/// The report years a draft may have (see [`Registry::supported_years`]).
pub fn supported_years() -> std::ops::RangeInclusive<u16> {
    builtin().supported_years()
}

/// The current built-in format (for new reports).
pub fn current() -> Option<&'static Format> {
    builtin().current()
}
