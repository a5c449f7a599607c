package content

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// sameSet reports whether a and b hold the same strings, ignoring order.
func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	sort.Strings(x)
	sort.Strings(y)
	return slices.Equal(x, y)
}

func TestPageIDsAreExactlyTheContract(t *testing.T) {
	t.Parallel()
	if got := PageIDs(); !sameSet(got, wantPages) {
		t.Errorf("PageIDs() = %v\nwant %v", got, wantPages)
	}
}

func TestEveryPageInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, id := range PageIDs() {
		for _, l := range Langs() {
			if !HasPage(l, id) {
				t.Errorf("page %q has no %s text", id, l)
				continue
			}
			if strings.TrimSpace(Page(l, id, nil)) == "" {
				t.Errorf("page %q is empty in %s", id, l)
			}
		}
	}
}

func TestEveryMsgInEveryLanguage(t *testing.T) {
	t.Parallel()
	for _, k := range MsgKeys() {
		for _, l := range Langs() {
			if !HasMsg(l, k) {
				t.Errorf("message %q has no %s text", k, l)
				continue
			}
			if strings.TrimSpace(Msg(l, k, nil)) == "" {
				t.Errorf("message %q is empty in %s", k, l)
			}
		}
	}
}

func TestPagePlaceholdersMatchAcrossLanguages(t *testing.T) {
	t.Parallel()
	for _, id := range PageIDs() {
		en := Placeholders(data().pages[EN][id])
		for _, l := range Langs()[1:] {
			if got := Placeholders(data().pages[l][id]); !sameSet(got, en) {
				t.Errorf("page %q: %s placeholders %v, en has %v", id, l, got, en)
			}
		}
	}
}

func TestMsgPlaceholdersMatchAcrossLanguages(t *testing.T) {
	t.Parallel()
	for _, k := range MsgKeys() {
		en := Placeholders(data().msgs[EN][k])
		for _, l := range Langs()[1:] {
			if got := Placeholders(data().msgs[l][k]); !sameSet(got, en) {
				t.Errorf("message %q: %s placeholders %v, en has %v", k, l, got, en)
			}
		}
	}
}

func TestPagesUseOnlyAllowedPlaceholders(t *testing.T) {
	t.Parallel()
	allowed := PagePlaceholders()
	for _, l := range Langs() {
		for id, body := range data().pages[l] {
			for _, p := range Placeholders(body) {
				if !slices.Contains(allowed, p) {
					t.Errorf("page %s/%s uses {%s}, not one of %v", l, id, p, allowed)
				}
			}
		}
	}
}

func TestPagePlaceholdersAreThePinnedOnes(t *testing.T) {
	t.Parallel()
	for _, id := range PageIDs() {
		got := Placeholders(data().pages[EN][id])
		if want := wantPagePlaceholders[id]; !sameSet(got, want) {
			t.Errorf("page %q uses %v, want %v", id, got, want)
		}
	}
}

func TestRequiredMsgsAndTheirPlaceholders(t *testing.T) {
	t.Parallel()
	check := func(key string, want []string) {
		t.Helper()
		for _, l := range Langs() {
			if !HasMsg(l, key) {
				t.Errorf("%s: missing message %q", l, key)
				continue
			}
			if got := Placeholders(data().msgs[l][key]); !sameSet(got, want) {
				t.Errorf("%s %q uses %v, want %v", l, key, got, want)
			}
		}
	}
	for k, want := range wantMsgs {
		check(k, want)
	}
	for id, want := range wantFindings {
		check("finding."+id, want)
	}
}

func TestMsgSubstitutes(t *testing.T) {
	t.Parallel()
	got := Msg(EN, "ui.saved", map[string]string{"path": "/tmp/r.md"})
	if got != "Report saved to /tmp/r.md" {
		t.Errorf("en ui.saved = %q", got)
	}
	got = Msg(JA, "ui.saved", map[string]string{"path": "/tmp/r.md"})
	if !strings.Contains(got, "/tmp/r.md") || strings.Contains(got, "{path}") {
		t.Errorf("ja ui.saved = %q", got)
	}
}

func TestMsgLeavesUnknownPlaceholdersVisible(t *testing.T) {
	t.Parallel()
	got := Msg(EN, "check.verdict.critical", map[string]string{"cause": "X"})
	if got != "Most likely cause: X (code {code})" {
		t.Errorf("got %q", got)
	}
	if got := Msg(EN, "ui.saved", nil); !strings.Contains(got, "{path}") {
		t.Errorf("nil args: got %q, want {path} kept", got)
	}
}

func TestMsgMissingKeyReturnsKey(t *testing.T) {
	t.Parallel()
	for _, l := range append(Langs(), Lang("xx")) {
		if got := Msg(l, "no.such.key", map[string]string{"a": "b"}); got != "no.such.key" {
			t.Errorf("Msg(%s, missing) = %q, want the key", l, got)
		}
		if HasMsg(l, "no.such.key") {
			t.Errorf("HasMsg(%s, missing) = true", l)
		}
	}
}

func TestUnknownLangFallsBackToEnglish(t *testing.T) {
	t.Parallel()
	if got, want := Msg("xx", "status.ok", nil), Msg(EN, "status.ok", nil); got != want {
		t.Errorf("Msg(xx) = %q, want %q", got, want)
	}
	if got, want := Page("xx", "start", nil), Page(EN, "start", nil); got != want {
		t.Errorf("Page(xx) differs from English")
	}
	if HasPage("xx", "start") {
		t.Error("HasPage(xx) = true")
	}
}

func TestPageMissingIDReturnsID(t *testing.T) {
	t.Parallel()
	if got := Page(JA, "no-such-page", nil); got != "no-such-page" {
		t.Errorf("Page(missing) = %q", got)
	}
}

func TestPageSubstitutes(t *testing.T) {
	t.Parallel()
	args := map[string]string{
		"local_time": "10:00", "reference_time": "12:00",
		"source": "ntp", "offset": "+2h0m0s",
	}
	for _, l := range Langs() {
		got := Page(l, "clock-skewed", args)
		for _, v := range args {
			if !strings.Contains(got, v) {
				t.Errorf("%s clock-skewed lacks %q:\n%s", l, v, got)
			}
		}
		if ph := Placeholders(got); len(ph) != 0 {
			t.Errorf("%s clock-skewed still has %v", l, ph)
		}
	}
}

func TestSubstitute(t *testing.T) {
	t.Parallel()
	args := map[string]string{"a": "1", "b": "{a}", "x_y": "z"}
	cases := map[string]string{
		"":                  "",
		"plain":             "plain",
		"{a}":               "1",
		"{a}{a}":            "11",
		"<{b}>":             "<{a}>", // values are not re-scanned
		"{c}":               "{c}",   // unknown stays visible
		"{{a}}":             "{1}",
		"{A}":               "{A}", // not a placeholder name
		"{a":                "{a",
		"a}":                "a}",
		"{x_y} {}":          "z {}",
		"日本{a}語":            "日本1語",
		"{ a }":             "{ a }",
		"`*.zoom.us` {x_y}": "`*.zoom.us` z",
	}
	for in, want := range cases {
		if got := substitute(in, args); got != want {
			t.Errorf("substitute(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	t.Parallel()
	got := Placeholders("{b} {a} {b} {A} {} {a-b} {{c}} {d")
	if want := []string{"b", "a", "c"}; !slices.Equal(got, want) {
		t.Errorf("Placeholders = %v, want %v", got, want)
	}
}

func TestMissingMsgs(t *testing.T) {
	t.Parallel()
	if got := MissingMsgs([]string{"ui.title", "status.ok"}); len(got) != 0 {
		t.Errorf("MissingMsgs(present keys) = %v, want empty", got)
	}
	got := MissingMsgs([]string{"ui.title", "finding.no.such"})
	for _, l := range Langs() {
		if !slices.Equal(got[l], []string{"finding.no.such"}) {
			t.Errorf("MissingMsgs[%s] = %v", l, got[l])
		}
	}
	var ids []string
	for id := range wantFindings {
		ids = append(ids, id)
	}
	if got := MissingFindings(ids); len(got) != 0 {
		t.Errorf("MissingFindings(contract IDs) = %v", got)
	}
	if got := MissingFindings([]string{"cert.nope"}); len(got[EN]) != 1 || got[EN][0] != "finding.cert.nope" {
		t.Errorf("MissingFindings(unknown) = %v", got)
	}
}

func TestParseRejectsBrokenFiles(t *testing.T) {
	t.Parallel()
	good := fstest.MapFS{
		"messages/en.json":  {Data: []byte(`{"k":"v"}`)},
		"messages/ja.json":  {Data: []byte(`{"k":"v"}`)},
		"pages/en/start.md": {Data: []byte("# x\n")},
		"pages/ja/start.md": {Data: []byte("# x\n")},
	}
	tb, err := parse(good)
	if err != nil {
		t.Fatalf("parse(good) = %v", err)
	}
	if tb.pages[JA]["start"] != "# x\n" || tb.msgs[EN]["k"] != "v" {
		t.Errorf("parse(good) read %+v", tb)
	}
	broken := map[string]fstest.MapFS{
		"bad json":     {"messages/ja.json": {Data: []byte(`{"k":`)}},
		"nested value": {"messages/ja.json": {Data: []byte(`{"k":{"x":"y"}}`)}},
		"no ja file":   {"messages/ja.json": nil},
		"no pages dir": {"pages/ja/start.md": nil},
	}
	for name, patch := range broken {
		fsys := fstest.MapFS{}
		for k, v := range good {
			fsys[k] = v
		}
		for k, v := range patch {
			if v == nil {
				delete(fsys, k)
			} else {
				fsys[k] = v
			}
		}
		if _, err := parse(fsys); err == nil {
			t.Errorf("%s: parse succeeded, want an error", name)
		}
	}
}

func TestMissingJapaneseFallsBackToEnglish(t *testing.T) {
	t.Parallel()
	tb, err := parse(fstest.MapFS{
		"messages/en.json":  {Data: []byte(`{"only.en":"hello {name}","both":"en"}`)},
		"messages/ja.json":  {Data: []byte(`{"both":"ja"}`)},
		"pages/en/only.md":  {Data: []byte("# {host}\n")},
		"pages/ja/other.md": {Data: []byte("# ja\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := tb.msg(JA, "only.en", map[string]string{"name": "x"}); got != "hello x" {
		t.Errorf("ja fallback msg = %q", got)
	}
	if got := tb.msg(JA, "both", nil); got != "ja" {
		t.Errorf("ja msg = %q", got)
	}
	if got := tb.page(JA, "only", map[string]string{"host": "h"}); got != "# h\n" {
		t.Errorf("ja fallback page = %q", got)
	}
	if got := tb.page(EN, "other", nil); got != "other" {
		t.Errorf("en page missing in en = %q, want the id", got)
	}
}
