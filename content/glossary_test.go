package content

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// jaBanned maps a Japanese word to the glossary's choice for the same
// idea (../shared reference: article-points.md, "Japanese terms").
var jaBanned = map[string]string{
	"時計":         "時刻 (デバイスの時刻, システム時刻)",
	"端末":         "デバイス",
	"発行者":        "発行元",
	"透明性":        "証明書の透過性（CT）",
	"公衆":         "公共の Wi-Fi",
	"IT管理者":      "IT 管理者",
	"システム管理者":    "IT 管理者",
	"ネットワークの管理者": "ネットワーク管理者",
	"ルートCA":      "ルート証明書",
	"ルート CA":     "ルート証明書",
	"中間CA":       "中間証明書",
	"会議アプリ":      "Zoom",
	"サービスのサポート":  "Zoom のサポート",
	"取り消":        "失効 (except the article's quoted code title)",
	"それでも信頼し":    "[それでも信頼する] (the button, quoted exactly)",
	"Wi-Fi スポット": "公共の Wi-Fi",
	"結果レポート":     "診断結果 / レポート",
}

// enBanned are English wordings replaced by the service's names and the
// client's own labels.
var enBanned = []*regexp.Regexp{
	regexp.MustCompile(`(?i)meeting app`),
	regexp.MustCompile(`(?i)the service's (support|domains|servers|certificates?)`),
	regexp.MustCompile(`"(trust anyway|Trust anyway|trust Anyway)"`),
	regexp.MustCompile(`"[Uu]ntrusted server certificate"`), // the client's title is in title case
}

// allJA returns every Japanese text: pages and messages, with names.
func allText(l Lang) map[string]string {
	out := map[string]string{}
	for id, body := range data().pages[l] {
		out["page "+id] = body
	}
	for k, v := range data().msgs[l] {
		out["message "+k] = v
	}
	return out
}

// articleQuote reports whether where may quote the article's own title
// for code 2 (which says 取り消されました).
func articleQuote(where string) bool {
	return where == "message code.title.2" || strings.HasSuffix(where, "code-2")
}

func TestJapaneseGlossary(t *testing.T) {
	t.Parallel()
	for where, s := range allText(JA) {
		for bad, good := range jaBanned {
			if bad == "取り消" && articleQuote(where) {
				s := strings.ReplaceAll(s, "証明書が取り消されました", "")
				if strings.Contains(s, bad) {
					t.Errorf("ja %s: %q outside the quoted title; use %s", where, bad, good)
				}
				continue
			}
			if bad == "それでも信頼し" {
				if strings.Contains(strings.ReplaceAll(s, "[それでも信頼する]", ""), "それでも信頼") {
					t.Errorf("ja %s: quote the button exactly as [それでも信頼する]", where)
				}
				continue
			}
			if strings.Contains(s, bad) {
				t.Errorf("ja %s: %q; the glossary says %s", where, bad, good)
			}
		}
	}
}

func TestEnglishNamesAndLabels(t *testing.T) {
	t.Parallel()
	for where, s := range allText(EN) {
		for _, re := range enBanned {
			if m := re.FindString(s); m != "" {
				t.Errorf("en %s: %q (name Zoom, quote \"Trust Anyway\" and the alert's title exactly)", where, m)
			}
		}
	}
}

// isWideRune reports an East Asian wide character.
func isWideRune(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF60
}

// halfWidthPunct finds half-width punctuation touching Japanese text, and
// spaces around inserted values, outside code spans and quoted labels.
func halfWidthPunct(s string) []string {
	for _, q := range quotedLabels {
		s = strings.ReplaceAll(s, q, "〓")
	}
	var out []string
	for _, line := range strings.Split(s, "\n") {
		// Drop code spans: they hold values, not prose.
		parts := strings.Split(line, "`")
		var b strings.Builder
		for i, p := range parts {
			if i%2 == 0 {
				b.WriteString(p)
			} else {
				b.WriteString("X")
			}
		}
		rs := []rune(b.String())
		for i, r := range rs {
			var prev, next rune
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch r {
			case ',', ':', ';', '(', ')', '!', '.':
				if isWideRune(prev) || isWideRune(next) {
					out = append(out, "half-width "+string(r)+" in: "+line)
				}
			case '?':
				if isWideRune(prev) && !isFullWidthPunct(prev) {
					out = append(out, "half-width ? in: "+line)
				}
			case ' ':
				if (prev == '}' && next > 0x7f) || (next == '{' && prev > 0x7f) {
					out = append(out, "space around an inserted value in: "+line)
				}
			}
		}
	}
	return out
}

func TestJapanesePunctuationAndInsertedValues(t *testing.T) {
	t.Parallel()
	for where, s := range allText(JA) {
		if strings.HasPrefix(where, "message unit.") {
			continue // "{n} 時間": a number and its unit, spaced as the glossary writes them
		}
		for _, p := range halfWidthPunct(s) {
			t.Errorf("ja %s: %s", where, p)
		}
	}
}

func TestHalfWidthPunctChecker(t *testing.T) {
	t.Parallel()
	bad := []string{"検出結果: 自宅", "{what} を確認しています", "時刻は{offset} ずれています", "証明書(CT)です", "本当に?"}
	for _, s := range bad {
		if len(halfWidthPunct(s)) == 0 {
			t.Errorf("checker accepts %q", s)
		}
	}
	good := []string{"検出結果：自宅", "{what}を確認しています", "`rooms.example.com` を開く", "[それでも信頼する]を選ぶ", "Zoom {x} test", "「セキュリティ警告:信頼されていないサーバー証明書」"}
	for _, s := range good {
		if p := halfWidthPunct(s); len(p) != 0 {
			t.Errorf("checker rejects %q: %v", s, p)
		}
	}
}

// Japanese content has no English sentences or Go-formatted values.
func TestJapaneseContentIsJapanese(t *testing.T) {
	t.Parallel()
	for where, s := range allText(JA) {
		for _, p := range JapaneseProblems(s) {
			t.Errorf("ja %s: %s", where, p)
		}
	}
}

func TestJapaneseProblemsChecker(t *testing.T) {
	t.Parallel()
	bad := []string{"ずれ 2h0m0s", "基準（ntp）", "0% pgdn", "2026-11-29T09:14:00Z", "理由: private address on wlan0", "結果 WARNING"}
	for _, s := range bad {
		if len(JapaneseProblems(s)) == 0 {
			t.Errorf("JapaneseProblems accepts %q", s)
		}
	}
	good := []string{"Zoom Rooms の時刻", "rooms.example.com に接続", "2026年11月29日 18:14（日本時間）", "ずれ：2 時間 5 分", "FortiGate による再署名", "http://portal.example/login?a=b"}
	for _, s := range good {
		if p := JapaneseProblems(s); len(p) != 0 {
			t.Errorf("JapaneseProblems rejects %q: %v", s, p)
		}
	}
}
