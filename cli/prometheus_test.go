package cli_test

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// promtoolCheckMetrics runs Debian's `promtool check metrics` on text and
// fails t with its complaints.
func promtoolCheckMetrics(t *testing.T, text string) {
	t.Helper()
	promtool := faultlab.Tool(t, "promtool", "prometheus")
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s\non:\n%s", err, out, text)
	}
}

// sampleRE is one sample line of the text format.
var sampleRE = regexp.MustCompile(`^([a-z_]+)(\{[^}]*\})? (-?[0-9.e+]+)$`)

// samples maps "name{labels}" to the value text of every sample in text,
// checking that each family has HELP and TYPE before its samples.
func samples(t *testing.T, text string) map[string]string {
	t.Helper()
	out := map[string]string{}
	help, typ := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "# HELP "):
			help[strings.Fields(l)[2]] = true
		case strings.HasPrefix(l, "# TYPE "):
			f := strings.Fields(l)
			typ[f[2]] = true
			if f[3] != "gauge" {
				t.Errorf("%s is a %s", f[2], f[3])
			}
		default:
			m := sampleRE.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("not a sample line: %q", l)
				continue
			}
			if !help[m[1]] || !typ[m[1]] {
				t.Errorf("%s has no HELP or TYPE before its samples", m[1])
			}
			out[m[1]+m[2]] = m[3]
		}
	}
	return out
}

// TestCheckPrometheus runs real checks and checks the exposition with
// promtool and by its samples.
func TestCheckPrometheus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  func(t *testing.T, e *env) []string
		status int
		want   func(e *env) map[string]string // samples that must be there
		absent []string                       // families that must not be
	}{
		{"ok", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Valid)
			return nil
		}, 0, func(e *env) map[string]string {
			return map[string]string{
				"certwiz_code": "0", "certwiz_exit_status": "0", "certwiz_captive_portal": "0",
				target("certwiz_target_code", e, 0): "0", target("certwiz_target_tested", e, 0): "1",
			}
		}, []string{"certwiz_interception"}},
		{"fault and not tested", func(t *testing.T, e *env) []string {
			e.serve(t, tlslab.Expired)
			e.serve(t, tlslab.Blackhole)
			return []string{"--timeout", "1s", "--skip", "captive"}
		}, 2, func(e *env) map[string]string {
			return map[string]string{
				"certwiz_exit_status":               "2",
				target("certwiz_target_code", e, 0): "5", target("certwiz_target_tested", e, 0): "1",
				target("certwiz_target_tested", e, 1): "0",
			}
		}, []string{target("certwiz_target_code", nil, 1), "certwiz_captive_portal"}},
		{"clock skew", func(t *testing.T, e *env) []string {
			e.ntp = ntplab.Start(t, -3*time.Hour).Addr
			e.serve(t, tlslab.Valid)
			return nil
		}, 1, func(e *env) map[string]string {
			return map[string]string{"certwiz_clock_skewed": "1", "certwiz_exit_status": "1"}
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			extra := tc.setup(t, e)
			r := certwiz(ctxT(t), e.args(append(extra, "--format", "prometheus")...)...)
			if r.status != tc.status {
				t.Errorf("exit status %d, want %d\n%s%s", r.status, tc.status, r.stdout, r.err)
			}
			promtoolCheckMetrics(t, r.stdout)
			got := samples(t, r.stdout)
			for k, v := range tc.want(e) {
				if got[k] != v {
					t.Errorf("%s = %q, want %q\n%s", k, got[k], v, r.stdout)
				}
			}
			for _, k := range tc.absent {
				if k == target("certwiz_target_code", nil, 1) {
					k = target("certwiz_target_code", e, 1)
				}
				for s := range got {
					if s == k || strings.HasPrefix(s, k+"{") {
						t.Errorf("%s is there, want it absent\n%s", s, r.stdout)
					}
				}
			}
			for _, fam := range []string{"certwiz_code", "certwiz_check_duration_seconds", "certwiz_last_run_timestamp_seconds", `certwiz_build_info{version="dev"}`} {
				if _, ok := got[fam]; !ok {
					t.Errorf("no %s\n%s", fam, r.stdout)
				}
			}
			if na := got[target("certwiz_certificate_not_after_timestamp_seconds", e, 0)]; na == "" {
				t.Errorf("no leaf expiry for the first target\n%s", r.stdout)
			}
		})
	}
}

// target names a per-target sample of e's i-th target; with a nil e it
// is a placeholder resolved later.
func target(name string, e *env, i int) string {
	if e == nil {
		return fmt.Sprintf("%s#%d", name, i)
	}
	host, port, _ := strings.Cut(e.targets[i], ":")
	return fmt.Sprintf(`%s{host="%s",port="%s"}`, name, host, port)
}

// TestCheckFormatFlags: --json is --format json; two different formats,
// or an unknown one, are a usage error before anything is probed.
func TestCheckFormatFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.serve(t, tlslab.Valid)
	for _, tc := range []struct {
		args   []string
		status int
		prefix string
	}{
		{[]string{"--json", "--format", "json"}, 0, "{"},
		{[]string{"--format", "JSON"}, 0, "{"},
		{[]string{"--format", "text"}, 0, "certwiz check"},
		{[]string{"--json", "--format", "nagios"}, 3, ""},
		{[]string{"--format", "xml"}, 3, ""},
	} {
		r := certwiz(ctxT(t), e.args(tc.args...)...)
		if r.status != tc.status || !strings.HasPrefix(r.stdout, tc.prefix) {
			t.Errorf("%q: status %d, stdout %.40q; want %d and %q", tc.args, r.status, r.stdout, tc.status, tc.prefix)
		}
		if tc.status == 3 && (r.stdout != "" || strings.Count(strings.TrimSpace(r.err), "\n") != 0 || r.err == "") {
			t.Errorf("%q: want one line on stderr and nothing on stdout, got %q / %q", tc.args, r.err, r.stdout)
		}
	}
}
