package cli_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// pluginOutput is a monitoring plugin's output split the way the
// Monitoring Plugins Development Guidelines define it:
//
//	TEXT OUTPUT | OPTIONAL PERFDATA
//	LONG TEXT LINE 1
//	...
//	LONG TEXT LINE N | PERFDATA LINE 2
//	PERFDATA LINE 3
type pluginOutput struct {
	first, status, summary string
	long                   []string
	perf                   map[string]perfItem
	perfOrder              []string
	firstPerf              int // items on the first line
}

// perfItem is one 'label'=value[UOM];[warn];[crit];[min];[max].
type perfItem struct {
	value                string // a number or "U"
	uom                  string
	warn, crit, min, max string
}

var (
	firstLineRE = regexp.MustCompile(`^CERTWIZ (OK|WARNING|CRITICAL|UNKNOWN) - ([^|]+?)(?: \| (.*))?$`)
	// value: a number or U; UOM from the guidelines' list.
	perfValueRE = regexp.MustCompile(`^(U|-?[0-9]+(?:\.[0-9]+)?)(s|ms|us|%|B|KB|MB|TB|c)?$`)
	// range: [@][start:][end], start may be ~.
	rangeRE  = regexp.MustCompile(`^@?(?:(?:~|-?[0-9]+(?:\.[0-9]+)?):)?(?:-?[0-9]+(?:\.[0-9]+)?)?$`)
	numberRE = regexp.MustCompile(`^(?:-?[0-9]+(?:\.[0-9]+)?)?$`)
)

// parsePlugin parses out strictly; any departure from the guidelines
// fails t.
func parsePlugin(t *testing.T, out string) pluginOutput {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end in a newline: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var p pluginOutput
	p.first = lines[0]
	m := firstLineRE.FindStringSubmatch(p.first)
	if m == nil {
		t.Fatalf("first line is not CERTWIZ STATUS - summary | perfdata: %q", p.first)
	}
	p.status, p.summary = m[1], m[2]
	perf := []string{m[3]}
	inPerf := false
	for _, l := range lines[1:] {
		if inPerf {
			perf = append(perf, l)
			continue
		}
		if text, data, ok := strings.Cut(l, "|"); ok {
			p.long = append(p.long, strings.TrimSuffix(text, " "))
			perf = append(perf, data)
			inPerf = true
			continue
		}
		p.long = append(p.long, l)
	}
	p.perf = map[string]perfItem{}
	p.firstPerf = len(splitPerf(t, m[3]))
	for _, chunk := range perf {
		for _, item := range splitPerf(t, chunk) {
			label, it := parsePerfItem(t, item)
			if _, dup := p.perf[label]; dup {
				t.Errorf("label %q appears twice", label)
			}
			p.perf[label] = it
			p.perfOrder = append(p.perfOrder, label)
		}
	}
	for _, s := range append([]string{out}, p.long...) {
		if strings.ContainsAny(s, "\x1b\r\x00\u202e") {
			t.Errorf("control or bidi character in output: %q", s)
		}
	}
	return p
}

// splitPerf splits performance data at spaces outside quoted labels.
func splitPerf(t *testing.T, s string) []string {
	t.Helper()
	var items []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' && quoted && i+1 < len(s) && s[i+1] == '\'':
			cur.WriteString("''")
			i++
		case c == '\'':
			quoted = !quoted
			cur.WriteByte(c)
		case c == ' ' && !quoted:
			if cur.Len() > 0 {
				items = append(items, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
		}
	}
	if quoted {
		t.Errorf("unbalanced quote in performance data %q", s)
	}
	if cur.Len() > 0 {
		items = append(items, cur.String())
	}
	return items
}

func parsePerfItem(t *testing.T, item string) (string, perfItem) {
	t.Helper()
	var label, rest string
	if strings.HasPrefix(item, "'") {
		end := strings.Index(item, "'=")
		for end > 0 && strings.Count(item[1:end], "'")%2 == 1 {
			next := strings.Index(item[end+1:], "'=")
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			t.Fatalf("quoted label without closing quote: %q", item)
		}
		label, rest = strings.ReplaceAll(item[1:end], "''", "'"), item[end+2:]
	} else {
		var ok bool
		label, rest, ok = strings.Cut(item, "=")
		if !ok || strings.ContainsAny(label, " '") {
			t.Fatalf("bad performance data item %q", item)
		}
	}
	if strings.Contains(label, "=") {
		t.Errorf("label %q contains =", label)
	}
	fields := strings.Split(rest, ";")
	if len(fields) > 5 {
		t.Fatalf("item %q has more than 5 fields", item)
	}
	for len(fields) < 5 {
		fields = append(fields, "")
	}
	vm := perfValueRE.FindStringSubmatch(fields[0])
	if vm == nil {
		t.Fatalf("item %q: value %q is not a number with a UOM, or U", item, fields[0])
	}
	it := perfItem{value: vm[1], uom: vm[2], warn: fields[1], crit: fields[2], min: fields[3], max: fields[4]}
	for _, r := range []string{it.warn, it.crit} {
		if !rangeRE.MatchString(r) {
			t.Errorf("item %q: %q is not a threshold range", item, r)
		}
	}
	for _, n := range []string{it.min, it.max} {
		if !numberRE.MatchString(n) {
			t.Errorf("item %q: %q is not a number", item, n)
		}
	}
	return label, it
}

var statusWords = map[string]int{"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}

// TestCheckNagios runs real checks against the fault lab for each of the
// four statuses and parses the output as a monitoring engine does.
func TestCheckNagios(t *testing.T) {
	t.Parallel()
	type want struct {
		status string
		codes  map[int]string // target index -> code perf value ("U" when not tested)
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, e *env) []string
		want  want
		more  func(t *testing.T, p pluginOutput)
	}{
		{"OK", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Valid)
			e.serve(t, tlslab.Valid)
			return nil
		}, want{"OK", map[int]string{0: "0", 1: "0"}}, nil},
		{"WARNING clock skew", func(t *testing.T, e *env) []string {
			e.ntp = ntplab.Start(t, 2*time.Hour).Addr
			e.serve(t, tlslab.Valid)
			return nil
		}, want{"WARNING", map[int]string{0: "0"}}, func(t *testing.T, p pluginOutput) {
			off := p.perf["clock_offset"]
			v, err := strconv.ParseFloat(off.value, 64)
			if err != nil || v < 7190 || v > 7210 || off.uom != "s" || off.warn != "-300:300" {
				t.Errorf("clock_offset = %+v, want about 7200s with warning range -300:300", off)
			}
			if !strings.Contains(p.summary, "clock ") {
				t.Errorf("summary does not mention the clock: %q", p.summary)
			}
		}},
		{"WARNING captive portal", func(t *testing.T, e *env) []string {
			e.captive = portallab.Start(t, portallab.Redirect).URL
			e.serve(t, tlslab.Valid)
			return nil
		}, want{"WARNING", map[int]string{0: "0"}}, func(t *testing.T, p pluginOutput) {
			if !strings.Contains(p.summary, "portal") {
				t.Errorf("summary does not mention the portal: %q", p.summary)
			}
		}},
		{"CRITICAL unknown-ca", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Valid)
			e.serve(t, tlslab.UnknownCA)
			return nil
		}, want{"CRITICAL", map[int]string{0: "0", 1: "6"}}, func(t *testing.T, p pluginOutput) {
			if !strings.Contains(p.summary, "code 6") {
				t.Errorf("summary does not name code 6: %q", p.summary)
			}
		}},
		{"UNKNOWN blackhole", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Blackhole)
			return []string{"--timeout", "1s", "--skip", "clock,captive"}
		}, want{"UNKNOWN", map[int]string{0: "U"}}, func(t *testing.T, p pluginOutput) {
			if !strings.Contains(p.summary, "not tested") {
				t.Errorf("summary does not say the target was not tested: %q", p.summary)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			extra := tc.setup(t, e)
			r := certwiz(ctxT(t), e.args(append(extra, "--format", "nagios")...)...)
			p := parsePlugin(t, r.stdout)
			if p.status != tc.want.status || r.status != statusWords[p.status] {
				t.Errorf("first word %s and exit status %d, want %s (%d)\n%s", p.status, r.status,
					tc.want.status, statusWords[tc.want.status], r.stdout)
			}
			if len(p.first) > 1024 {
				t.Errorf("first line is %d bytes", len(p.first))
			}
			if len(p.long) < len(e.targets)+2 {
				t.Errorf("want a detail line per target plus clock and portal, got %q", p.long)
			}
			for i, code := range tc.want.codes {
				label := e.targets[i] + " code"
				if got, ok := p.perf[label]; !ok || got.value != code || got.crit != "0" {
					t.Errorf("%q = %+v, want value %s with critical range 0\n%s", label, got, code, r.stdout)
				}
				for _, k := range []string{" days_left", " handshake"} {
					if _, ok := p.perf[e.targets[i]+k]; !ok {
						t.Errorf("no %q in performance data", e.targets[i]+k)
					}
				}
			}
			if d, ok := p.perf["duration"]; !ok || d.uom != "s" || d.value == "U" {
				t.Errorf("duration = %+v, want seconds", d)
			}
			if tc.more != nil {
				tc.more(t, p)
			}
			if r.err != "" {
				t.Errorf("stderr: %q", r.err)
			}
		})
	}
}

// TestCheckNagiosManyTargets: with more targets than the first line
// holds, performance data continues after the last detail line, and
// every target's items are there exactly once.
func TestCheckNagiosManyTargets(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range 24 {
		e.serve(t, tlslab.Valid)
	}
	r := certwiz(ctxT(t), e.args("--format", "nagios", "--skip", "clock,captive")...)
	p := parsePlugin(t, r.stdout)
	if p.status != "OK" || r.status != 0 {
		t.Fatalf("status %s / %d, want OK\n%s", p.status, r.status, r.stdout)
	}
	if len(p.first) > 1024 {
		t.Errorf("first line is %d bytes, want at most 1024", len(p.first))
	}
	if p.firstPerf == 0 || p.firstPerf >= len(p.perf) {
		t.Errorf("%d of %d items on the first line, want the rest after the details", p.firstPerf, len(p.perf))
	}
	if want := 2 + 3*len(e.targets); len(p.perf) != want {
		t.Errorf("%d performance data items, want %d", len(p.perf), want)
	}
	for _, hp := range e.targets {
		if p.perf[hp+" code"].value != "0" {
			t.Errorf("%s code = %+v", hp, p.perf[hp+" code"])
		}
	}
	if !strings.Contains(p.summary, fmt.Sprintf("%d/%d targets tested", len(e.targets), len(e.targets))) {
		t.Errorf("summary %q", p.summary)
	}
}
