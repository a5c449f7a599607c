package netctx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/findings"
)

// writeTree writes files (path → content) under a new temporary root.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, body := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestSystemNTPReachableAgainstRealChronyd(t *testing.T) {
	t.Parallel()
	live := startChronyd(t)
	dead := freeUDPPort(t)
	tests := []struct {
		name      string
		servers   []int
		reachable bool
	}{
		{"configured server answers", []int{live}, true},
		{"office server silent from here", []int{dead}, false},
		{"one of two answers", []int{dead, live}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var lines []string
			for _, p := range tc.servers {
				lines = append(lines, fmt.Sprintf("server 127.0.0.1 port %d iburst", p))
			}
			root := writeTree(t, map[string]string{"etc/chrony/chrony.conf": strings.Join(lines, "\n") + "\n"})
			cfg := Config{FS: os.DirFS(root), NTPTimeout: shortTimeout}
			n := linuxSystemNTP(&cfg)
			if n.Err != "" || len(n.Servers) != len(tc.servers) {
				t.Fatalf("config: %+v", n)
			}
			queryServers(context.Background(), &cfg, &n)
			if n.Reachable == nil || *n.Reachable != tc.reachable {
				t.Fatalf("reachable = %v, want %v (err %q)", n.Reachable, tc.reachable, n.Err)
			}
			fs := ntpFindings(n)
			if tc.reachable {
				if len(fs) != 0 || !slices.Contains(n.Answered, fmt.Sprintf("127.0.0.1:%d", live)) {
					t.Fatalf("findings %v answered %v", fs, n.Answered)
				}
				return
			}
			if len(fs) != 1 || fs[0].ID != IDSystemNTPUnreach || fs[0].Severity != findings.Warning || fs[0].Code != findings.CodeNone {
				t.Fatalf("findings = %+v", fs)
			}
			if !strings.Contains(fs[0].Value("servers"), fmt.Sprint(dead)) {
				t.Fatalf("evidence lacks the server: %+v", fs[0].Evidence)
			}
		})
	}
}

func TestQueryServersWithoutServersStaysUnknown(t *testing.T) {
	t.Parallel()
	n := SystemNTP{Err: "none configured"}
	queryServers(context.Background(), &Config{}, &n)
	if n.Reachable != nil {
		t.Fatalf("reachable = %v, want nil", *n.Reachable)
	}
	if fs := ntpFindings(n); len(fs) != 1 || fs[0].ID != IDSystemNTPUnknown || fs[0].Severity != findings.Unknown {
		t.Fatalf("findings = %+v", fs)
	}
}
