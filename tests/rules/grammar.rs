//! Prose figures read by what they count: kinds are not counts, "A及B N件" is a sum, other scopes
//! and approximate figures say nothing, and each finding quotes its phrase.
