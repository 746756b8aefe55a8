//! Bounded, printable excerpts of response bodies for error messages.

/// At most `max` characters of the body: invalid UTF-8 replaced, cut on a character
/// boundary with `…` marking the cut.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let head = &body[..body.len().min(max.saturating_mul(4))];
    let text = String::from_utf8_lossy(head);
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() || head.len() < body.len() {
        out.pop();
        out.push('…');
    }
    out
}

/// Like [`excerpt`], as one line: runs of whitespace and control characters (an HTML
/// page's newlines) are made one space.
pub(crate) fn one_line_excerpt(body: &[u8], max: usize) -> String {
    // Look at no more than needed: a character is at most 4 bytes.
    let head = &body[..body.len().min(max.saturating_mul(4).saturating_add(4))];
    let text = String::from_utf8_lossy(head);
    let mut out = String::new();
    let mut count = 0;
    let mut pending_space = false;
    let mut cut = false;
    for c in text.trim().chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        let needed = usize::from(pending_space) + 1;
        if count + needed > max {
            cut = true;
            break;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        count += needed;
    }
    if !cut && head.len() < body.len() {
        cut = true;
    }
    if cut && max > 0 {
        while count + 1 > max {
            if out.pop().is_none() {
                break;
            }
            count -= 1;
        }
        out.push('…');
    }
    out
}
