package cli_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// TestCheckOutputAtomic: a reader polling the --output file while checks
// rewrite it never sees a partial document, and no temporary file is
// left behind.
func TestCheckOutputAtomic(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range 6 {
		e.serve(t, tlslab.Valid)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "certwiz.json")
	var stop atomic.Bool
	var reads, partial atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for !stop.Load() {
			data, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Errorf("read: %v", err)
				return
			}
			reads.Add(1)
			var doc struct {
				Schema  string `json:"schema"`
				Targets []any  `json:"targets"`
			}
			if json.Unmarshal(data, &doc) != nil || doc.Schema != "certwiz.report/v1" || len(doc.Targets) != len(e.targets) {
				partial.Add(1)
			}
		}
	})
	for range 15 {
		r := certwiz(ctxT(t), e.args("--skip", "clock,captive", "--format", "json", "--output", path)...)
		if r.status != 0 || r.stdout != "" || r.err != "" {
			t.Errorf("status %d, stdout %q, stderr %q; want 0 and nothing printed", r.status, r.stdout, r.err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if partial.Load() != 0 || reads.Load() == 0 {
		t.Errorf("%d of %d reads saw a partial document (want 0 of more than 0)", partial.Load(), reads.Load())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "certwiz.json" {
		t.Errorf("directory holds %v, want certwiz.json alone", entries)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644 so a collector running as another user can read it", fi.Mode(), err)
	}
}

// TestCheckOutputFailure: when the file cannot be written the check says
// so on one line, exits 3, and leaves no temporary file.
func TestCheckOutputFailure(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.serve(t, tlslab.Valid)
	dir := t.TempDir()
	occupied := filepath.Join(dir, "taken.prom")
	if err := os.Mkdir(occupied, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing", "certwiz.prom"), occupied} {
		r := certwiz(ctxT(t), e.args("--skip", "clock,captive", "--format", "prometheus", "--output", path)...)
		if r.status != 3 || r.stdout != "" || !strings.Contains(r.err, "certwiz.prom") && !strings.Contains(r.err, "taken.prom") {
			t.Errorf("--output %s: status %d, stdout %q, stderr %q; want 3 and the path named", path, r.status, r.stdout, r.err)
		}
		if n := strings.Count(strings.TrimSpace(r.err), "\n"); n != 0 {
			t.Errorf("stderr has %d lines: %q", n+1, r.err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %v, want the occupying directory alone (no temporary file left)", entries)
	}
}
