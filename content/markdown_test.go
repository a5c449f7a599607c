package content

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// isFullWidthPunct reports whether r is CJK or full-width punctuation: the
// characters next to which CommonMark does not treat * or _ as emphasis,
// so the markers show up literally in Japanese text.
func isFullWidthPunct(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F: // 、。「」『』【】〜 and friends
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20,
		r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return true // （）：！？ and half-width 「」
	case r == 0x30FB, r == 0x2025, r == 0x2026, r == 0x2014, r == 0x2015:
		return true // ・ ‥ … ― —
	case r >= 0x2018 && r <= 0x201F: // curly quotes
		return true
	}
	return false
}

// emphasisProblems returns one description per emphasis marker run (* or
// _) that touches full-width punctuation outside code spans. List bullets
// ("* " at the start of a line) are not emphasis and are skipped.
func emphasisProblems(md string) []string {
	var out []string
	for n, line := range strings.Split(md, "\n") {
		rs := []rune(line)
		inCode := false
		for i := 0; i < len(rs); i++ {
			r := rs[i]
			if r == '`' {
				inCode = !inCode
				continue
			}
			if inCode || (r != '*' && r != '_') {
				continue
			}
			j := i
			for j < len(rs) && rs[j] == r {
				j++
			}
			bullet := strings.TrimSpace(string(rs[:i])) == "" && j < len(rs) && rs[j] == ' '
			var before, after rune
			if i > 0 {
				before = rs[i-1]
			}
			if j < len(rs) {
				after = rs[j]
			}
			if !bullet && (isFullWidthPunct(before) || isFullWidthPunct(after)) {
				out = append(out, "line "+strconv.Itoa(n+1)+": "+line)
			}
			i = j - 1
		}
	}
	return out
}

func TestEmphasisChecker(t *testing.T) {
	t.Parallel()
	bad := []string{
		"これは**「重要」**です。",
		"設定は**必ず**、確認します。",
		"「**必ず**」",
		"時計を確認してください。__今すぐ__",
		"（*注意*）",
		"ずれ：**5 分**",
		// CommonMark would render this one, but the authoring rule is
		// stricter and simpler: never put a marker next to such
		// punctuation.
		"これは **「重要」** です。",
	}
	for _, s := range bad {
		if len(emphasisProblems(s)) == 0 {
			t.Errorf("checker accepts %q, want a problem", s)
		}
	}
	good := []string{
		"設定は**必ず**確認してください。",
		"* 箇条書き「項目」です。",
		"ドメイン（`*.zoom.us`、`*.zoom.com`）",
		"{landing_url} を開いてください。",
		"plain **bold** text.",
	}
	for _, s := range good {
		if p := emphasisProblems(s); len(p) != 0 {
			t.Errorf("checker rejects %q: %v", s, p)
		}
	}
}

func TestNoEmphasisAgainstFullWidthPunctuation(t *testing.T) {
	t.Parallel()
	for _, l := range Langs() {
		for id, body := range data().pages[l] {
			for _, p := range emphasisProblems(body) {
				t.Errorf("page %s/%s: emphasis marker against full-width punctuation, %s", l, id, p)
			}
		}
		for k, s := range data().msgs[l] {
			for _, p := range emphasisProblems(s) {
				t.Errorf("message %s %q: emphasis marker against full-width punctuation, %s", l, k, p)
			}
		}
	}
}

// cells is the terminal width of s: East Asian wide and full-width
// characters take two cells.
func cells(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF,
			r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
			r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6:
			n += 2
		default:
			n++
		}
	}
	return n
}

// wrappedLines estimates how many terminal rows md takes when wrapped at
// width cells (wrapping anywhere, as Japanese text does).
func wrappedLines(md string, width int) int {
	rows := 0
	for _, line := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		w := cells(line)
		if w == 0 {
			rows++
			continue
		}
		rows += (w + width - 1) / width
	}
	return rows
}

// TestPagesFitAScreen keeps every page short enough to read at 80x24
// with little scrolling: at most 25 rows when wrapped at 76 cells (the
// wizard keeps a margin).
func TestPagesFitAScreen(t *testing.T) {
	t.Parallel()
	const width, maxRows = 76, 25
	for _, l := range Langs() {
		for id, body := range data().pages[l] {
			if n := wrappedLines(body, width); n > maxRows {
				t.Errorf("page %s/%s is %d rows at %d cells, want <= %d", l, id, n, width, maxRows)
			}
		}
	}
}

func TestWrappedLines(t *testing.T) {
	t.Parallel()
	if got := wrappedLines(strings.Repeat("あ", 38)+"\n\nx\n", 76); got != 3 {
		t.Errorf("38 wide runes + blank + x = %d rows, want 3", got)
	}
	if got := wrappedLines(strings.Repeat("あ", 39), 76); got != 2 {
		t.Errorf("39 wide runes = %d rows, want 2", got)
	}
}

func TestTextIsValidUTF8WithoutControls(t *testing.T) {
	t.Parallel()
	check := func(where, s string) {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8", where)
		}
		for _, r := range s {
			if r < 0x20 && r != '\n' || r == 0x7f || r == '\t' || r == '\r' {
				t.Errorf("%s contains control %U", where, r)
			}
		}
	}
	for _, l := range Langs() {
		for id, body := range data().pages[l] {
			check("page "+string(l)+"/"+id, body)
		}
		for k, s := range data().msgs[l] {
			check("message "+string(l)+" "+k, s)
			if strings.Contains(s, "\n") {
				t.Errorf("message %s %q spans lines", l, k)
			}
		}
	}
}
