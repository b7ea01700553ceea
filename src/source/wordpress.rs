//! WordPress exports (WXR `.xml`) → one [`Entry`] per published post.
//! (Being written: issue 4.)

use super::Extracted;

/// Parses a WordPress export; `None` when the XML is not one.
pub fn parse(_xml: &str) -> Option<Extracted> {
    None
}
